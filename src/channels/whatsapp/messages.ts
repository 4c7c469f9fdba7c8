// What the WhatsApp conversation says, in each language we serve. One object per language of one
// type, so a message missing in any language fails the compile, not a citizen. Grievance statuses come
// from the web app's own catalogue, so the portal and WhatsApp call a state by the same name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LANGUAGES = ['en', 'hi', 'sw'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: string | null | undefined): value is Lang =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

interface Catalogue {
  /** The language's own name, on its button. */
  name: string;
  menu: string;
  menuNew: string;
  menuStatus: string;
  menuLanguage: string;
  describe: string;
  describeShort: string;
  category: string;
  categoryButton: string;
  categoryNone: string;
  place: string;
  placeNone: string;
  placeFar: string;
  placeChoose: string;
  placeButton: string;
  photo: string;
  photoSkip: string;
  photoAdded: string;
  photoBad: string;
  confirm: string;
  confirmYes: string;
  confirmRestart: string;
  /** The third button at confirm: register without the citizen's name or number reaching the department. */
  confirmAnonymous: string;
  registeredAnonymous: string;
  /** A voice note became a draft an agent will listen to. */
  voiceDrafted: string;
  voiceBad: string;
  none: string;
  registered: string;
  drafted: string;
  statusNone: string;
  statusList: string;
  unsupported: string;
  sorry: string;
  feedbackYes: string;
  feedbackNo: string;
  feedbackThanks: string;
  feedbackWhy: string;
  feedbackReopened: string;
  feedbackNotOpen: string;
  ratingAsk: string;
  ratingButton: string;
  rating1: string;
  rating2: string;
  rating3: string;
  rating4: string;
  rating5: string;
  ratingSkip: string;
  /** Words that mean "skip", "yes", "no/start over" (lower case), besides the buttons. */
  skipWords: string[];
  yesWords: string[];
  restartWords: string[];
  anonymousWords: string[];
  statusWords: string[];
  menuWords: string[];
  languageWords: string[];
}

const en: Catalogue = {
  name: 'English',
  menu: 'What would you like to do?',
  menuNew: 'New complaint',
  menuStatus: 'Check status',
  menuLanguage: 'Language',
  describe: 'Please describe your problem in a few words: what is wrong, and since when.',
  describeShort: 'Please write a little more about the problem, in words.',
  category:
    'Which of these is it about? Choose from the list, or type a word (for example: water, road, electricity).',
  categoryButton: 'Choose',
  categoryNone: 'We found nothing for "{q}". Choose from the list, or type another word.',
  place:
    'Where is the problem? Share your location (tap 📎 then Location), or type the name of your village or ward.',
  placeNone: 'We could not find a place called "{q}". Try another spelling, or share your location.',
  placeFar:
    'That location is outside the area this helpline serves. Please type the name of your village or ward.',
  placeChoose: 'Which of these places is it?',
  placeButton: 'Places',
  photo: 'If you have a photo of the problem, send it now. Otherwise reply SKIP.',
  photoSkip: 'Skip',
  photoAdded: 'Photo added.',
  photoBad: 'We could not use that photo ({why}). Send another one, or reply SKIP.',
  confirm:
    'Please check your complaint:\n\n{description}\n\nAbout: {category}\nPlace: {place}\nPhotos: {photos}\n\nShall we register it?',
  confirmYes: 'Register',
  confirmRestart: 'Start over',
  confirmAnonymous: 'Without my name',
  registeredAnonymous:
    'Your complaint is registered without your name: the department does not see your number. Reference number: *{reference}*\nIt has gone to: {department}.\nTo check on it, send STATUS {reference}.',
  voiceDrafted:
    'Thank you, we have your voice message. An agent will listen to it and register your complaint, and send you its reference number here.',
  voiceBad: 'Sorry, we could not download your voice message. Please send it again, or type your complaint.',
  none: 'none',
  registered:
    'Your complaint is registered. Reference number: *{reference}*\nIt has gone to: {department}.\nKeep this number. To check on it, send STATUS {reference}.',
  drafted:
    'Thank you. Your complaint needs a few more details; an agent will complete it and send you its reference number.',
  statusNone: 'We found no complaint with that number from this phone. Check the number and try again.',
  statusList: 'Your complaints:\n{lines}',
  unsupported: 'Sorry, we cannot read this kind of message yet. Please send text, a photo or your location.',
  sorry: 'Sorry, something went wrong on our side. Please send your last answer again in a minute.',
  feedbackYes: 'Satisfied',
  feedbackNo: 'Not satisfied',
  feedbackThanks: 'Thank you. Complaint {reference} is now closed.',
  feedbackWhy: 'We are sorry. Please tell us in a few words what is still wrong with {reference}.',
  feedbackReopened: 'Complaint {reference} is reopened and has gone back to the officer with your words.',
  feedbackNotOpen: 'Complaint {reference} is not waiting for your answer any more.',
  ratingAsk: 'How would you rate what was done about {reference}, from 1 (very poor) to 5 (very good)?',
  ratingButton: 'Rate it',
  rating1: '1 – Very poor',
  rating2: '2 – Poor',
  rating3: '3 – Fair',
  rating4: '4 – Good',
  rating5: '5 – Very good',
  ratingSkip: 'Rather not say',
  skipWords: ['skip', 'no', 'no photo'],
  yesWords: ['yes', 'y', 'ok', 'register', 'confirm'],
  restartWords: ['start over', 'restart', 'cancel'],
  anonymousWords: ['without my name', 'anonymous', 'anonymously'],
  statusWords: ['status'],
  menuWords: ['menu', 'hi', 'hello'],
  languageWords: ['language'],
};

const hi: Catalogue = {
  name: 'हिन्दी',
  menu: 'आप क्या करना चाहेंगे?',
  menuNew: 'नई शिकायत',
  menuStatus: 'स्थिति देखें',
  menuLanguage: 'भाषा',
  describe: 'कृपया अपनी समस्या कुछ शब्दों में बताइए: क्या खराबी है, और कब से।',
  describeShort: 'कृपया समस्या के बारे में थोड़ा और लिखिए।',
  category: 'आपकी शिकायत इनमें से किस बारे में है? सूची में से चुनें, या कोई शब्द लिखें (जैसे: पानी, सड़क, बिजली)।',
  categoryButton: 'चुनें',
  categoryNone: '"{q}" के लिए कुछ नहीं मिला। सूची में से चुनें, या कोई दूसरा शब्द लिखें।',
  place: 'समस्या कहाँ है? अपना लोकेशन भेजें (📎 दबाएँ, फिर Location), या अपने गाँव या वार्ड का नाम लिखें।',
  placeNone: '"{q}" नाम की कोई जगह नहीं मिली। दूसरी वर्तनी आज़माएँ, या अपना लोकेशन भेजें।',
  placeFar: 'यह जगह इस हेल्पलाइन के क्षेत्र से बाहर है। कृपया अपने गाँव या वार्ड का नाम लिखें।',
  placeChoose: 'इनमें से कौन-सी जगह?',
  placeButton: 'जगहें',
  photo: 'अगर आपके पास समस्या की फ़ोटो है तो अभी भेजें। नहीं तो "छोड़ें" लिखें।',
  photoSkip: 'छोड़ें',
  photoAdded: 'फ़ोटो जुड़ गई।',
  photoBad: 'यह फ़ोटो इस्तेमाल नहीं हो सकी ({why})। दूसरी भेजें, या "छोड़ें" लिखें।',
  confirm:
    'कृपया अपनी शिकायत जाँच लें:\n\n{description}\n\nविषय: {category}\nजगह: {place}\nफ़ोटो: {photos}\n\nक्या इसे दर्ज करें?',
  confirmYes: 'दर्ज करें',
  confirmRestart: 'फिर से शुरू',
  confirmAnonymous: 'मेरे नाम के बिना',
  registeredAnonymous:
    'आपकी शिकायत आपके नाम के बिना दर्ज हो गई है: विभाग आपका नंबर नहीं देखता। संदर्भ संख्या: *{reference}*\nयह भेजी गई है: {department}।\nस्थिति जानने के लिए STATUS {reference} भेजें।',
  voiceDrafted:
    'धन्यवाद, आपका वॉइस संदेश मिल गया है। एक एजेंट उसे सुनकर आपकी शिकायत दर्ज करेगा और उसकी संदर्भ संख्या यहीं भेजेगा।',
  voiceBad: 'क्षमा करें, आपका वॉइस संदेश डाउनलोड नहीं हो सका। कृपया उसे फिर से भेजें, या अपनी शिकायत लिखकर भेजें।',
  none: 'कोई नहीं',
  registered:
    'आपकी शिकायत दर्ज हो गई है। संदर्भ संख्या: *{reference}*\nयह भेजी गई है: {department}।\nयह संख्या संभाल कर रखें। स्थिति जानने के लिए लिखें: STATUS {reference}',
  drafted: 'धन्यवाद। आपकी शिकायत में कुछ और जानकारी चाहिए; एक सहायक इसे पूरा करके आपको संदर्भ संख्या भेजेगा।',
  statusNone: 'इस फ़ोन से इस संख्या की कोई शिकायत नहीं मिली। संख्या जाँच कर फिर से भेजें।',
  statusList: 'आपकी शिकायतें:\n{lines}',
  unsupported: 'क्षमा करें, इस तरह का संदेश हम अभी नहीं पढ़ सकते। कृपया लिखकर, फ़ोटो या लोकेशन भेजें।',
  sorry: 'क्षमा करें, हमारी ओर से कुछ गड़बड़ हुई। कृपया एक मिनट बाद अपना पिछला उत्तर फिर से भेजें।',
  feedbackYes: 'संतुष्ट',
  feedbackNo: 'संतुष्ट नहीं',
  feedbackThanks: 'धन्यवाद। शिकायत {reference} अब बंद कर दी गई है।',
  feedbackWhy: 'हमें खेद है। कृपया कुछ शब्दों में बताइए कि {reference} में अब भी क्या ठीक नहीं है।',
  feedbackReopened: 'शिकायत {reference} फिर से खोल दी गई है और आपके शब्दों के साथ अधिकारी के पास भेज दी गई है।',
  feedbackNotOpen: 'शिकायत {reference} अब आपके उत्तर की प्रतीक्षा में नहीं है।',
  ratingAsk: '{reference} पर की गई कार्रवाई को आप 1 (बहुत खराब) से 5 (बहुत अच्छा) तक क्या रेटिंग देंगे?',
  ratingButton: 'रेटिंग दें',
  rating1: '1 – बहुत खराब',
  rating2: '2 – खराब',
  rating3: '3 – ठीक-ठाक',
  rating4: '4 – अच्छा',
  rating5: '5 – बहुत अच्छा',
  ratingSkip: 'नहीं बताना चाहते',
  skipWords: ['छोड़ें', 'छोड़ो', 'नहीं', 'skip', 'no', 'nahi'],
  yesWords: ['हाँ', 'हां', 'दर्ज करें', 'yes', 'haan', 'ha', 'ok'],
  restartWords: ['फिर से शुरू', 'रद्द', 'restart', 'cancel'],
  anonymousWords: ['मेरे नाम के बिना', 'गुमनाम', 'बिना नाम', 'anonymous'],
  statusWords: ['स्थिति', 'status'],
  menuWords: ['मेनू', 'नमस्ते', 'menu', 'hi', 'hello'],
  languageWords: ['भाषा', 'language'],
};

const sw: Catalogue = {
  name: 'Kiswahili',
  menu: 'Ungependa kufanya nini?',
  menuNew: 'Lalamiko jipya',
  menuStatus: 'Angalia hali',
  menuLanguage: 'Lugha',
  describe: 'Tafadhali eleza tatizo lako kwa maneno machache: nini kimeharibika, na tangu lini.',
  describeShort: 'Tafadhali andika zaidi kidogo kuhusu tatizo.',
  category:
    'Lalamiko lako linahusu nini kati ya haya? Chagua kwenye orodha, au andika neno (mfano: maji, barabara, umeme).',
  categoryButton: 'Chagua',
  categoryNone: 'Hatukupata chochote kwa "{q}". Chagua kwenye orodha, au andika neno jingine.',
  place:
    'Tatizo liko wapi? Tuma mahali ulipo (bonyeza 📎 kisha Location), au andika jina la kijiji au kata yako.',
  placeNone: 'Hatukupata mahali panapoitwa "{q}". Jaribu tahajia nyingine, au tuma mahali ulipo.',
  placeFar:
    'Mahali hapo ni nje ya eneo linalohudumiwa na huduma hii. Tafadhali andika jina la kijiji au kata yako.',
  placeChoose: 'Ni mahali gani kati ya haya?',
  placeButton: 'Mahali',
  photo: 'Ikiwa una picha ya tatizo, itume sasa. Vinginevyo jibu RUKA.',
  photoSkip: 'Ruka',
  photoAdded: 'Picha imeongezwa.',
  photoBad: 'Hatukuweza kutumia picha hiyo ({why}). Tuma nyingine, au jibu RUKA.',
  confirm:
    'Tafadhali hakiki lalamiko lako:\n\n{description}\n\nKuhusu: {category}\nMahali: {place}\nPicha: {photos}\n\nTulisajili?',
  confirmYes: 'Sajili',
  confirmRestart: 'Anza upya',
  confirmAnonymous: 'Bila jina langu',
  registeredAnonymous:
    'Malalamiko yako yamesajiliwa bila jina lako: idara haioni namba yako. Namba ya kumbukumbu: *{reference}*\nYamepelekwa: {department}.\nIli kufuatilia, tuma STATUS {reference}.',
  voiceDrafted:
    'Asante, tumepokea ujumbe wako wa sauti. Wakala atausikiliza na kusajili malalamiko yako, kisha atakutumia namba yake ya kumbukumbu hapa.',
  voiceBad:
    'Samahani, hatukuweza kupakua ujumbe wako wa sauti. Tafadhali utume tena, au uandike malalamiko yako.',
  none: 'hakuna',
  registered:
    'Lalamiko lako limesajiliwa. Namba ya kumbukumbu: *{reference}*\nLimetumwa kwa: {department}.\nHifadhi namba hii. Kuangalia hali yake, tuma HALI {reference}.',
  drafted:
    'Asante. Lalamiko lako linahitaji maelezo zaidi; mhudumu atalikamilisha na kukutumia namba yake ya kumbukumbu.',
  statusNone: 'Hatukupata lalamiko lenye namba hiyo kutoka simu hii. Hakiki namba na ujaribu tena.',
  statusList: 'Malalamiko yako:\n{lines}',
  unsupported:
    'Samahani, bado hatuwezi kusoma ujumbe wa aina hii. Tafadhali tuma maandishi, picha au mahali ulipo.',
  sorry: 'Samahani, kuna hitilafu upande wetu. Tafadhali tuma jibu lako la mwisho tena baada ya dakika moja.',
  feedbackYes: 'Nimeridhika',
  feedbackNo: 'Sijaridhika',
  feedbackThanks: 'Asante. Lalamiko {reference} sasa limefungwa.',
  feedbackWhy:
    'Samahani. Tafadhali tueleze kwa maneno machache nini bado hakijarekebishwa kwenye {reference}.',
  feedbackReopened:
    'Lalamiko {reference} limefunguliwa tena na limerudishwa kwa afisa pamoja na maneno yako.',
  feedbackNotOpen: 'Lalamiko {reference} halisubiri jibu lako tena.',
  ratingAsk: 'Ungetathminije kilichofanyika kuhusu {reference}, kuanzia 1 (mbaya sana) hadi 5 (nzuri sana)?',
  ratingButton: 'Toa tathmini',
  rating1: '1 – Mbaya sana',
  rating2: '2 – Mbaya',
  rating3: '3 – Wastani',
  rating4: '4 – Nzuri',
  rating5: '5 – Nzuri sana',
  ratingSkip: 'Sitaki kusema',
  skipWords: ['ruka', 'hapana', 'skip', 'no'],
  yesWords: ['ndiyo', 'ndio', 'sajili', 'yes', 'ok'],
  restartWords: ['anza upya', 'ghairi', 'restart', 'cancel'],
  anonymousWords: ['bila jina langu', 'bila jina', 'anonymous'],
  statusWords: ['hali', 'status'],
  menuWords: ['menyu', 'habari', 'menu', 'hi', 'hello'],
  languageWords: ['lugha', 'language'],
};

export const catalogues: Record<Lang, Catalogue> = { en, hi, sw };

/** Why a photo could not be used, in each language (the {why} of photoBad). */
export type PhotoProblem = 'too_large' | 'not_a_photo' | 'unavailable';
export const photoProblems: Record<Lang, Record<PhotoProblem, string>> = {
  en: {
    too_large: 'it is larger than 5 MB',
    not_a_photo: 'it is not a JPEG, PNG or WebP photo',
    unavailable: 'we could not download it',
  },
  hi: {
    too_large: 'यह 5 MB से बड़ी है',
    not_a_photo: 'यह JPEG, PNG या WebP फ़ोटो नहीं है',
    unavailable: 'हम इसे डाउनलोड नहीं कर सके',
  },
  sw: {
    too_large: 'ni kubwa kuliko MB 5',
    not_a_photo: 'si picha ya JPEG, PNG au WebP',
    unavailable: 'hatukuweza kuipakua',
  },
};

/** The first message: before we know their language, we ask in all of them. */
export const CHOOSE_LANGUAGE =
  'Welcome to the CivicLine helpline. Choose your language.\nसिविकलाइन हेल्पलाइन में आपका स्वागत है। अपनी भाषा चुनें।\nKaribu CivicLine. Chagua lugha yako.';

type Key = { [K in keyof Catalogue]: Catalogue[K] extends string ? K : never }[keyof Catalogue];

export function say(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/locales');
const statusNames = Object.fromEntries(
  LANGUAGES.map((lang) => {
    const common = JSON.parse(readFileSync(path.join(localesDir, lang, 'common.json'), 'utf8')) as {
      status: Record<string, string>;
    };
    return [lang, common.status];
  }),
) as Record<Lang, Record<string, string>>;

/** A grievance status as the portal names it, in `lang`. */
export const statusName = (lang: Lang, status: string) => statusNames[lang][status] ?? status;

/** A name from an {"en": ..., "hi": ...} object in `lang`, else English, else any. */
export function localName(name: Record<string, string>, lang: Lang): string {
  return name[lang] ?? name.en ?? Object.values(name)[0] ?? '';
}

/** The two answers to "were you satisfied?" on a resolved grievance, as WhatsApp buttons. */
export function feedbackActions(reference: string, lang: Lang) {
  return [
    { id: `fb:yes:${reference}`, title: say(lang, 'feedbackYes') },
    { id: `fb:no:${reference}`, title: say(lang, 'feedbackNo') },
  ];
}
