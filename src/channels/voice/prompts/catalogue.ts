// What the IVR says, per language. A prompt's text is what a provider's text-to-speech reads and what
// espeak-ng turns into the placeholder clips; a recorded clip uploaded by an administrator replaces it.
//
// Parameters are written {name} (text, read as it is), {name:number}, {name:date}, {name:time},
// {name:chars} (a reference, read character by character in groups) and {name:digits} (what the caller
// keyed, read digit by digit). Typed parameters are read by joining per-item clips on the SIP path.
//
// A prompt reference's `lang` parameter, when present, names the language it is spoken in regardless
// of the call's (the language menu says each choice in its own language).

export type PromptTexts = Record<string, string>;

const en: PromptTexts = {
  'language.choose': 'For English, press {digit:number}.',
  welcome: 'Welcome to the CivicLine helpline.',
  'main.menu':
    'To make a new complaint, press 1. To hear the status of your complaints, press 2. For information on government schemes, press 3. To talk to an agent, press 4. You can press 9 at any time to talk to an agent.',
  'complaint.menu': 'To tell your complaint to an agent, press 1. To record your complaint now, press 2.',
  'district.ask': 'Please key in your district code, then press the hash key.',
  'district.unknown': 'Sorry, {digits:digits} is not a district code we know.',
  'retry.nothing': 'Sorry, I did not get that.',
  'queue.connecting': 'Please hold. We are connecting you to an agent.',
  'queue.hold': 'All our agents are busy. Please stay on the line.',
  'record.ask': 'Please describe your complaint after the beep. Press the hash key when you have finished.',
  'record.nothing': 'We did not hear anything.',
  'record.done': 'Thank you. Your complaint has been recorded. You will receive its reference number by SMS.',
  'message.ask': 'Please leave your message after the beep. Press the hash key when you have finished.',
  'message.done':
    'Thank you. Your message has been recorded and an agent will listen to it when our lines open.',
  'status.none': 'We found no open complaints for your number.',
  'status.count.one': 'You have one open complaint.',
  'status.count.many': 'You have {count:number} open complaints.',
  'status.latest': 'The latest, about {category}, is with the {position}, due on {due:date}.',
  'status.other': 'Reference {reference:chars}, about {category}, is with the {position}, due on {due:date}.',
  'status.menu.more':
    'To hear the other, press 1. To key in a reference number, press 2. For the main menu, press 0.',
  'status.menu.end': 'To key in a reference number, press 2. For the main menu, press 0.',
  'reference.ask':
    'Please key in your reference number. For each letter, press the key that carries it. Then press the hash key.',
  'reference.unknown': 'Sorry, we could not find that reference number.',
  'reference.open':
    'Reference {reference:chars}, about {category}, is with the {position}, due on {due:date}.',
  'reference.closed': 'Reference {reference:chars}, about {category}, was resolved on {date:date}.',
  'reference.pending':
    'Reference {reference:chars}, about {category}, has been registered and is being assigned.',
  'reference.menu': 'To key in another reference number, press 2. For the main menu, press 0.',
  'info.item': 'For {title}, press {digit:number}.',
  'info.none': 'There is no information to read at the moment.',
  'info.answer': '{text}',
  'info.menu': 'To hear another topic, press 1. For the main menu, press 0.',
  'closed.notice': 'Our agents are not available now. Our lines open again on {opens:date} at {opens:time}.',
  'closed.menu': 'To ask for a call back, press 1. To record a message, press 2.',
  'callback.done': 'Thank you. We will call you back on this number when our lines open.',
  'callback.no_number': 'We cannot see your number, so we cannot call you back.',
  goodbye: 'Thank you for calling. Goodbye.',
};

const hi: PromptTexts = {
  'language.choose': 'हिंदी के लिए {digit:number} दबाएँ।',
  welcome: 'सिविकलाइन हेल्पलाइन में आपका स्वागत है।',
  'main.menu':
    'नई शिकायत दर्ज करने के लिए 1 दबाएँ। अपनी शिकायतों की स्थिति जानने के लिए 2 दबाएँ। सरकारी योजनाओं की जानकारी के लिए 3 दबाएँ। एजेंट से बात करने के लिए 4 दबाएँ। एजेंट से बात करने के लिए आप कभी भी 9 दबा सकते हैं।',
  'complaint.menu': 'अपनी शिकायत एजेंट को बताने के लिए 1 दबाएँ। अभी अपनी शिकायत रिकॉर्ड करने के लिए 2 दबाएँ।',
  'district.ask': 'कृपया अपने ज़िले का कोड दबाएँ, फिर हैश दबाएँ।',
  'district.unknown': 'क्षमा करें, {digits:digits} कोई ज़िला कोड नहीं है।',
  'retry.nothing': 'क्षमा करें, हम समझ नहीं पाए।',
  'queue.connecting': 'कृपया प्रतीक्षा करें। हम आपको एजेंट से जोड़ रहे हैं।',
  'queue.hold': 'हमारे सभी एजेंट व्यस्त हैं। कृपया लाइन पर बने रहें।',
  'record.ask': 'कृपया बीप के बाद अपनी शिकायत बताएँ। बात पूरी होने पर हैश दबाएँ।',
  'record.nothing': 'हमें कुछ सुनाई नहीं दिया।',
  'record.done': 'धन्यवाद। आपकी शिकायत रिकॉर्ड हो गई है। इसका संदर्भ नंबर आपको एसएमएस से मिलेगा।',
  'message.ask': 'कृपया बीप के बाद अपना संदेश दें। बात पूरी होने पर हैश दबाएँ।',
  'message.done': 'धन्यवाद। आपका संदेश रिकॉर्ड हो गया है। लाइनें खुलने पर एजेंट उसे सुनेंगे।',
  'status.none': 'आपके नंबर पर कोई खुली शिकायत नहीं मिली।',
  'status.count.one': 'आपकी एक शिकायत खुली है।',
  'status.count.many': 'आपकी {count:number} शिकायतें खुली हैं।',
  'status.latest': 'सबसे नई शिकायत, {category} के बारे में, {position} के पास है, और {due:date} तक निपटनी है।',
  'status.other':
    'संदर्भ {reference:chars}, {category} के बारे में, {position} के पास है, और {due:date} तक निपटनी है।',
  'status.menu.more': 'दूसरी सुनने के लिए 1 दबाएँ। संदर्भ नंबर दबाने के लिए 2 दबाएँ। मुख्य मेनू के लिए 0 दबाएँ।',
  'status.menu.end': 'संदर्भ नंबर दबाने के लिए 2 दबाएँ। मुख्य मेनू के लिए 0 दबाएँ।',
  'reference.ask': 'कृपया अपना संदर्भ नंबर दबाएँ। हर अक्षर के लिए वह बटन दबाएँ जिस पर वह अक्षर है। फिर हैश दबाएँ।',
  'reference.unknown': 'क्षमा करें, यह संदर्भ नंबर नहीं मिला।',
  'reference.open':
    'संदर्भ {reference:chars}, {category} के बारे में, {position} के पास है, और {due:date} तक निपटनी है।',
  'reference.closed': 'संदर्भ {reference:chars}, {category} के बारे में, {date:date} को निपटा दी गई।',
  'reference.pending': 'संदर्भ {reference:chars}, {category} के बारे में, दर्ज हो गई है और सौंपी जा रही है।',
  'reference.menu': 'दूसरा संदर्भ नंबर दबाने के लिए 2 दबाएँ। मुख्य मेनू के लिए 0 दबाएँ।',
  'info.item': '{title} के लिए {digit:number} दबाएँ।',
  'info.none': 'अभी सुनाने के लिए कोई जानकारी नहीं है।',
  'info.answer': '{text}',
  'info.menu': 'कोई और विषय सुनने के लिए 1 दबाएँ। मुख्य मेनू के लिए 0 दबाएँ।',
  'closed.notice': 'हमारे एजेंट अभी उपलब्ध नहीं हैं। लाइनें फिर {opens:date} को {opens:time} बजे खुलेंगी।',
  'closed.menu': 'वापस कॉल के लिए 1 दबाएँ। संदेश रिकॉर्ड करने के लिए 2 दबाएँ।',
  'callback.done': 'धन्यवाद। लाइनें खुलने पर हम आपको इसी नंबर पर वापस कॉल करेंगे।',
  'callback.no_number': 'आपका नंबर हमें दिखाई नहीं दे रहा, इसलिए हम वापस कॉल नहीं कर सकते।',
  goodbye: 'कॉल करने के लिए धन्यवाद। नमस्ते।',
};

const sw: PromptTexts = {
  'language.choose': 'Kwa Kiswahili, bonyeza {digit:number}.',
  welcome: 'Karibu kwenye huduma ya simu ya CivicLine.',
  'main.menu':
    'Kutoa lalamiko jipya, bonyeza 1. Kusikia hali ya malalamiko yako, bonyeza 2. Kwa taarifa za mipango ya serikali, bonyeza 3. Kuongea na wakala, bonyeza 4. Unaweza kubonyeza 9 wakati wowote kuongea na wakala.',
  'complaint.menu': 'Kumweleza wakala lalamiko lako, bonyeza 1. Kurekodi lalamiko lako sasa, bonyeza 2.',
  'district.ask': 'Tafadhali ingiza namba ya wilaya yako, kisha bonyeza alama ya hash.',
  'district.unknown': 'Samahani, {digits:digits} si namba ya wilaya tunayoifahamu.',
  'retry.nothing': 'Samahani, sikukuelewa.',
  'queue.connecting': 'Tafadhali subiri. Tunakuunganisha na wakala.',
  'queue.hold': 'Mawakala wetu wote wana shughuli. Tafadhali endelea kusubiri.',
  'record.ask': 'Tafadhali eleza lalamiko lako baada ya mlio. Bonyeza hash ukimaliza.',
  'record.nothing': 'Hatukusikia chochote.',
  'record.done': 'Asante. Lalamiko lako limerekodiwa. Utapokea namba yake ya kumbukumbu kwa SMS.',
  'message.ask': 'Tafadhali acha ujumbe wako baada ya mlio. Bonyeza hash ukimaliza.',
  'message.done': 'Asante. Ujumbe wako umerekodiwa na wakala atausikiliza tukifungua.',
  'status.none': 'Hatukupata malalamiko yaliyo wazi kwa namba yako.',
  'status.count.one': 'Una lalamiko moja lililo wazi.',
  'status.count.many': 'Una malalamiko {count:number} yaliyo wazi.',
  'status.latest':
    'La karibuni, kuhusu {category}, liko kwa {position}, linatakiwa kushughulikiwa kufikia {due:date}.',
  'status.other':
    'Kumbukumbu {reference:chars}, kuhusu {category}, liko kwa {position}, linatakiwa kufikia {due:date}.',
  'status.menu.more':
    'Kusikia jingine, bonyeza 1. Kuingiza namba ya kumbukumbu, bonyeza 2. Kwa menyu kuu, bonyeza 0.',
  'status.menu.end': 'Kuingiza namba ya kumbukumbu, bonyeza 2. Kwa menyu kuu, bonyeza 0.',
  'reference.ask':
    'Tafadhali ingiza namba yako ya kumbukumbu. Kwa kila herufi, bonyeza kitufe chenye herufi hiyo. Kisha bonyeza hash.',
  'reference.unknown': 'Samahani, hatukupata namba hiyo ya kumbukumbu.',
  'reference.open':
    'Kumbukumbu {reference:chars}, kuhusu {category}, liko kwa {position}, linatakiwa kufikia {due:date}.',
  'reference.closed': 'Kumbukumbu {reference:chars}, kuhusu {category}, lilishughulikiwa tarehe {date:date}.',
  'reference.pending': 'Kumbukumbu {reference:chars}, kuhusu {category}, limesajiliwa na linapangiwa afisa.',
  'reference.menu': 'Kuingiza namba nyingine ya kumbukumbu, bonyeza 2. Kwa menyu kuu, bonyeza 0.',
  'info.item': 'Kwa {title}, bonyeza {digit:number}.',
  'info.none': 'Hakuna taarifa ya kusoma kwa sasa.',
  'info.answer': '{text}',
  'info.menu': 'Kusikia mada nyingine, bonyeza 1. Kwa menyu kuu, bonyeza 0.',
  'closed.notice': 'Mawakala wetu hawapatikani sasa. Tutafungua tena {opens:date} saa {opens:time}.',
  'closed.menu': 'Kuomba tukupigie, bonyeza 1. Kurekodi ujumbe, bonyeza 2.',
  'callback.done': 'Asante. Tutakupigia kwa namba hii tukifungua.',
  'callback.no_number': 'Hatuoni namba yako, kwa hiyo hatuwezi kukupigia.',
  goodbye: 'Asante kwa kupiga simu. Kwaheri.',
};

export const CATALOGUE: Record<string, PromptTexts> = { en, hi, sw };
export const FALLBACK_LANGUAGE = 'en';
export const PROMPT_KEYS: ReadonlySet<string> = new Set(Object.keys(en));

/** The text of a prompt in a language, falling back to English where a translation is missing. */
export function promptTemplate(key: string, language: string): string | undefined {
  return CATALOGUE[language]?.[key] ?? CATALOGUE[FALLBACK_LANGUAGE]?.[key];
}
