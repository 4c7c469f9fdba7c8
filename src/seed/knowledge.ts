// Demo data for the information desk: articles on Madhya Pradesh and central schemes and services, in
// English and Hindi here and in Swahili in knowledge-sw.ts, and the information topics citizens ask about. Eligibility, benefits and documents
// follow the schemes' published rules in spirit; amounts and conditions are revised by governments
// from time to time, which is why every article points to its official page where one is well known
// and the only phone number in it is the helpline's, 181. Static data only; seed.ts turns it into rows.
import type { ArticleKind, I18nList, I18nText } from '../db/schema.ts';
import type { SeedCategory } from './data.ts';
import { withSwahili } from './knowledge-sw.ts';

export interface SeedArticle {
  code: string;
  kind: ArticleKind;
  /** The owning department's code in data.ts, or null for an article of no department. */
  department: string | null;
  title: I18nText;
  summary: I18nText;
  eligibility: I18nText;
  benefits: I18nText;
  howToApply: I18nText;
  documents: I18nList;
  shortAnswer: I18nText;
  tags: string[];
  officialLink: string | null;
  published: boolean;
}

const ARTICLES: SeedArticle[] = [
  {
    code: 'WCD-LADLI-BEHNA',
    kind: 'scheme',
    department: 'WCD',
    title: { en: 'Mukhyamantri Ladli Behna Yojana', hi: 'मुख्यमंत्री लाड़ली बहना योजना' },
    summary: {
      en: 'A monthly amount paid straight into the bank account of women of Madhya Pradesh aged 21 to 60.',
      hi: 'मध्यप्रदेश की 21 से 60 वर्ष की महिलाओं के अपने बैंक खाते में हर महीने सीधे राशि।',
    },
    eligibility: {
      en: 'A woman who lives in Madhya Pradesh, aged 21 to 60, who is married, widowed, divorced or abandoned.\nNot eligible if the family income is more than Rs 2.5 lakh a year, anyone in the family pays income tax, is a government employee or pensioner, or the family owns more than 5 acres of land or a four-wheeler (a tractor is allowed).',
      hi: 'मध्यप्रदेश की निवासी 21 से 60 वर्ष की विवाहित, विधवा, तलाकशुदा या परित्यक्ता महिला।\nपात्र नहीं: परिवार की वार्षिक आय 2.5 लाख रुपये से अधिक हो, परिवार में कोई आयकरदाता, शासकीय कर्मचारी या पेंशनभोगी हो, या परिवार के पास 5 एकड़ से अधिक भूमि या चार पहिया वाहन हो (ट्रैक्टर छोड़कर)।',
    },
    benefits: {
      en: 'A fixed amount every month (Rs 1,250 at the time of writing), paid by DBT into her own Aadhaar-linked bank account. The government revises the amount from time to time.',
      hi: 'हर महीने निश्चित राशि (लिखते समय 1,250 रुपये), डीबीटी से महिला के अपने आधार से जुड़े बैंक खाते में। राशि समय-समय पर शासन द्वारा बदली जाती है।',
    },
    howToApply: {
      en: 'Forms are filled in free of charge at camps held in the gram panchayat or ward during registration periods, with the anganwadi worker, panchayat secretary or ward in-charge. Complete the e-KYC of your Samagra ID with Aadhaar first. Check your application and payment status on the official portal.',
      hi: 'पंजीयन अवधि में ग्राम पंचायत या वार्ड में लगने वाले शिविर में आंगनवाड़ी कार्यकर्ता, पंचायत सचिव या वार्ड प्रभारी द्वारा निःशुल्क आवेदन भरा जाता है। पहले समग्र आईडी का आधार से ई-केवाईसी कराएं। आवेदन और भुगतान की स्थिति पोर्टल पर देखें।',
    },
    documents: {
      en: [
        'Samagra family ID and member ID (e-KYC done)',
        'Aadhaar card',
        'Mobile number',
        'Aadhaar-linked bank account in her own name, with DBT enabled',
        'Passport-size photograph',
      ],
      hi: [
        'समग्र परिवार आईडी एवं सदस्य आईडी (ई-केवाईसी सहित)',
        'आधार कार्ड',
        'मोबाइल नंबर',
        'स्वयं के नाम का आधार से जुड़ा बैंक खाता (डीबीटी सक्रिय)',
        'पासपोर्ट आकार का फोटो',
      ],
    },
    shortAnswer: {
      en: 'Women of Madhya Pradesh aged 21 to 60 from families earning under 2.5 lakh a year get a monthly amount in their own bank account. Apply free at the camp in your panchayat or ward, after the e-KYC of your Samagra ID.',
      hi: 'मध्यप्रदेश की 21 से 60 वर्ष की महिलाएं, जिनके परिवार की आय 2.5 लाख से कम है, उन्हें हर महीने राशि उनके खाते में मिलती है। समग्र ई-केवाईसी के बाद पंचायत या वार्ड के शिविर में निःशुल्क आवेदन करें।',
    },
    tags: ['ladli bahna', 'ladli behna', 'women', 'monthly amount', 'DBT', 'लाडली बहना', 'महिला', 'बहना'],
    officialLink: 'https://cmladlibahna.mp.gov.in',
    published: true,
  },
  {
    code: 'WCD-LADLI-LAXMI',
    kind: 'scheme',
    department: 'WCD',
    title: { en: 'Ladli Laxmi Yojana', hi: 'लाड़ली लक्ष्मी योजना' },
    summary: {
      en: 'Scholarships for a girl at each stage of school and college, and a final amount when she turns 21, if she is registered in her first year.',
      hi: 'बालिका को स्कूल और कॉलेज के हर पड़ाव पर छात्रवृत्ति और 21 वर्ष की होने पर अंतिम राशि, यदि जन्म के पहले वर्ष में पंजीयन हुआ हो।',
    },
    eligibility: {
      en: 'A girl born in Madhya Pradesh on or after 1 January 2006 whose parents live in the state and do not pay income tax. Register her within one year of birth. For a second girl, the parents must have adopted family planning.',
      hi: '1 जनवरी 2006 या उसके बाद जन्मी बालिका, जिसके माता-पिता मध्यप्रदेश के निवासी हों और आयकरदाता न हों। जन्म के एक वर्ष के भीतर पंजीयन कराएं। दूसरी बालिका के लिए माता-पिता ने परिवार नियोजन अपनाया हो।',
    },
    benefits: {
      en: 'Rs 2,000 on admission to class 6, Rs 4,000 in class 9, Rs 6,000 in class 11 and Rs 6,000 in class 12; Rs 25,000 for higher education; and a final payment at 21 if she has passed class 12 and is not married before 18.',
      hi: 'कक्षा 6 में प्रवेश पर 2,000 रुपये, कक्षा 9 में 4,000, कक्षा 11 में 6,000 और कक्षा 12 में 6,000 रुपये; उच्च शिक्षा के लिए 25,000 रुपये; और 21 वर्ष की आयु पर अंतिम राशि, यदि 12वीं उत्तीर्ण हो और 18 वर्ष से पहले विवाह न हुआ हो।',
    },
    howToApply: {
      en: 'Apply at the anganwadi centre, the project office of Women and Child Development, a Lok Seva Kendra or online on the Ladli Laxmi portal. An e-certificate is issued when the girl is registered.',
      hi: 'आंगनवाड़ी केंद्र, महिला एवं बाल विकास परियोजना कार्यालय, लोक सेवा केंद्र या लाड़ली लक्ष्मी पोर्टल पर ऑनलाइन आवेदन करें। पंजीयन होने पर ई-प्रमाण पत्र जारी होता है।',
    },
    documents: {
      en: [
        "Girl's birth certificate",
        'Samagra ID of the family',
        "Parents' Aadhaar cards",
        'Photograph of the girl with her parents',
        'Proof of residence',
        'Family planning certificate (for a second girl)',
      ],
      hi: [
        'बालिका का जन्म प्रमाण पत्र',
        'परिवार की समग्र आईडी',
        'माता-पिता का आधार कार्ड',
        'माता-पिता के साथ बालिका का फोटो',
        'निवास प्रमाण',
        'परिवार नियोजन प्रमाण पत्र (दूसरी बालिका के लिए)',
      ],
    },
    shortAnswer: {
      en: 'Register a girl born in Madhya Pradesh within a year of birth at the anganwadi. She gets amounts in classes 6, 9, 11 and 12, for college, and a final payment at 21.',
      hi: 'मध्यप्रदेश में जन्मी बालिका का एक वर्ष के भीतर आंगनवाड़ी में पंजीयन कराएं। उसे कक्षा 6, 9, 11, 12, कॉलेज में और 21 वर्ष पर राशि मिलती है।',
    },
    tags: ['ladli laxmi', 'ladli lakshmi', 'girl child', 'daughter', 'बालिका', 'बेटी', 'लाडली लक्ष्मी'],
    officialLink: 'https://ladlilaxmi.mp.gov.in',
    published: true,
  },
  {
    code: 'SJ-KANYA-VIVAH',
    kind: 'scheme',
    department: 'SJ',
    title: {
      en: 'Mukhyamantri Kanya Vivah / Nikah Yojana',
      hi: 'मुख्यमंत्री कन्या विवाह / निकाह योजना',
    },
    summary: {
      en: 'Help for families in need with the wedding of a daughter at a mass wedding (samuhik vivah or nikah) organised by the local body.',
      hi: 'जरूरतमंद परिवारों की बेटी के विवाह में सहायता, स्थानीय निकाय द्वारा आयोजित सामूहिक विवाह या निकाह में।',
    },
    eligibility: {
      en: "The bride's family lives in Madhya Pradesh and needs the help. The bride is at least 18 and the groom at least 21. The marriage takes place at a mass wedding organised by a janpad panchayat or urban body. Widows and divorced women remarrying are also eligible.",
      hi: 'कन्या का परिवार मध्यप्रदेश का निवासी और जरूरतमंद हो। कन्या की आयु कम से कम 18 और वर की कम से कम 21 वर्ष हो। विवाह जनपद पंचायत या नगरीय निकाय द्वारा आयोजित सामूहिक विवाह में हो। पुनर्विवाह करने वाली विधवा या तलाकशुदा महिलाएं भी पात्र हैं।',
    },
    benefits: {
      en: "Rs 55,000 per couple: Rs 49,000 paid to the bride's bank account and Rs 6,000 towards the arrangements of the mass wedding.",
      hi: 'प्रति जोड़ा 55,000 रुपये: 49,000 रुपये कन्या के बैंक खाते में और 6,000 रुपये सामूहिक विवाह की व्यवस्था के लिए।',
    },
    howToApply: {
      en: 'Apply to the janpad panchayat (villages) or the municipal body (towns) before the date of the mass wedding they announce. The application is checked and the couple is told the date and place.',
      hi: 'सामूहिक विवाह की घोषित तिथि से पहले जनपद पंचायत (ग्रामीण) या नगरीय निकाय (शहरी) में आवेदन करें। आवेदन की जांच के बाद जोड़े को तिथि और स्थान बताया जाता है।',
    },
    documents: {
      en: [
        'Samagra ID of the family',
        'Aadhaar cards of the bride and groom',
        'Proof of age of the bride and groom',
        "Bride's bank account details",
        'Photographs of the bride and groom',
      ],
      hi: [
        'परिवार की समग्र आईडी',
        'वर और कन्या का आधार कार्ड',
        'वर और कन्या की आयु का प्रमाण',
        'कन्या के बैंक खाते का विवरण',
        'वर और कन्या के फोटो',
      ],
    },
    shortAnswer: {
      en: "For a daughter's wedding at a mass wedding organised by the janpad or municipality, the government gives Rs 55,000 per couple. The bride must be 18 and the groom 21. Apply to the janpad or municipality before the wedding date.",
      hi: 'जनपद या नगरीय निकाय के सामूहिक विवाह में बेटी के विवाह पर प्रति जोड़ा 55,000 रुपये मिलते हैं। कन्या 18 और वर 21 वर्ष का हो। विवाह तिथि से पहले जनपद या नगरीय निकाय में आवेदन करें।',
    },
    tags: ['marriage', 'wedding', 'nikah', 'samuhik vivah', 'विवाह', 'शादी', 'निकाह', 'सामूहिक विवाह'],
    officialLink: null,
    published: true,
  },
  {
    code: 'AGRI-PM-KISAN',
    kind: 'scheme',
    department: 'AGRI',
    title: { en: 'PM Kisan Samman Nidhi (PM-KISAN)', hi: 'प्रधानमंत्री किसान सम्मान निधि (पीएम-किसान)' },
    summary: {
      en: 'Rs 6,000 a year for farmer families who own cultivable land, in three instalments into their bank account.',
      hi: 'कृषि भूमि के स्वामी किसान परिवारों को साल में 6,000 रुपये, तीन किस्तों में बैंक खाते में।',
    },
    eligibility: {
      en: 'Farmer families whose names are in the land records as owners of cultivable land.\nNot eligible: institutional landholders; families where someone pays income tax, holds or held a constitutional post, is a serving or retired government employee (except Group D / multi-tasking staff), gets a pension of Rs 10,000 a month or more, or is a practising doctor, engineer, lawyer, chartered accountant or architect.',
      hi: 'ऐसे किसान परिवार जिनके नाम भू-अभिलेख में कृषि भूमि के स्वामी के रूप में दर्ज हैं।\nपात्र नहीं: संस्थागत भूमिधारक; ऐसे परिवार जिनमें कोई आयकरदाता हो, संवैधानिक पद पर हो या रहा हो, सेवारत या सेवानिवृत्त शासकीय कर्मचारी हो (चतुर्थ श्रेणी को छोड़कर), 10,000 रुपये मासिक या अधिक पेंशन पाता हो, या डॉक्टर, इंजीनियर, वकील, सीए या आर्किटेक्ट के रूप में काम करता हो।',
    },
    benefits: {
      en: "Rs 6,000 a year in three instalments of Rs 2,000, paid by DBT. In Madhya Pradesh, PM-KISAN beneficiaries also receive the state's Mukhyamantri Kisan Kalyan Yojana amount.",
      hi: 'साल में 6,000 रुपये, 2,000-2,000 रुपये की तीन किस्तों में डीबीटी से। मध्यप्रदेश में पीएम-किसान हितग्राहियों को राज्य की मुख्यमंत्री किसान कल्याण योजना की राशि भी मिलती है।',
    },
    howToApply: {
      en: "Register on the PM-KISAN portal (New Farmer Registration), at a Common Service Centre, or through the patwari. Complete e-KYC (OTP, fingerprint or face), make sure your land details are verified and your bank account is linked with Aadhaar, or the instalment stops. Check status under 'Know your status' on the portal.",
      hi: "पीएम-किसान पोर्टल पर (नया किसान पंजीयन), कॉमन सर्विस सेंटर पर या पटवारी के माध्यम से पंजीयन करें। ई-केवाईसी (ओटीपी, अंगूठा या चेहरा) कराएं, भूमि का सत्यापन और बैंक खाते का आधार से जुड़ाव सुनिश्चित करें, नहीं तो किस्त रुक जाती है। स्थिति पोर्टल पर 'अपनी स्थिति जानें' में देखें।",
    },
    documents: {
      en: [
        'Aadhaar card',
        'Land records (khasra / B-1)',
        'Aadhaar-linked bank account',
        'Mobile number linked with Aadhaar',
      ],
      hi: ['आधार कार्ड', 'भू-अभिलेख (खसरा / बी-1)', 'आधार से जुड़ा बैंक खाता', 'आधार से जुड़ा मोबाइल नंबर'],
    },
    shortAnswer: {
      en: 'Farmer families owning cultivable land get Rs 6,000 a year in three instalments. Register on the PM-KISAN portal, at a Common Service Centre or with the patwari, and complete e-KYC so the instalments do not stop.',
      hi: 'कृषि भूमि वाले किसान परिवारों को साल में 6,000 रुपये तीन किस्तों में मिलते हैं। पीएम-किसान पोर्टल, कॉमन सर्विस सेंटर या पटवारी से पंजीयन कराएं और ई-केवाईसी पूरा करें ताकि किस्त न रुके।',
    },
    tags: ['pm kisan', 'farmer', 'kisan', 'instalment', 'e-kyc', 'किसान', 'किस्त', 'सम्मान निधि'],
    officialLink: 'https://pmkisan.gov.in',
    published: true,
  },
  {
    code: 'HEALTH-AYUSHMAN',
    kind: 'scheme',
    department: 'HEALTH',
    title: {
      en: 'Ayushman Bharat Pradhan Mantri Jan Arogya Yojana (PM-JAY)',
      hi: 'आयुष्मान भारत प्रधानमंत्री जन आरोग्य योजना (पीएम-जेएवाई)',
    },
    summary: {
      en: 'Free treatment in hospital up to Rs 5 lakh a year per family at government and listed private hospitals, with an Ayushman card.',
      hi: 'आयुष्मान कार्ड से सरकारी और सूचीबद्ध निजी अस्पतालों में प्रति परिवार प्रति वर्ष 5 लाख रुपये तक का निःशुल्क इलाज।',
    },
    eligibility: {
      en: 'Families listed under the SECC 2011 criteria, families with a ration card (eligibility slip) under the National Food Security Act in Madhya Pradesh, workers registered under Sambal, and every citizen aged 70 or more whatever their income (Ayushman Vay Vandana card).',
      hi: 'एसईसीसी 2011 की सूची वाले परिवार, मध्यप्रदेश में राष्ट्रीय खाद्य सुरक्षा अधिनियम के पात्रता पर्ची (राशन कार्ड) धारी परिवार, संबल में पंजीकृत श्रमिक, और 70 वर्ष या अधिक आयु के सभी नागरिक, आय कोई भी हो (आयुष्मान वय वंदना कार्ड)।',
    },
    benefits: {
      en: 'Cashless treatment up to Rs 5 lakh per family per year for hospital stays, including medicines, tests, 3 days before and 15 days after admission. No limit on family size or age. Citizens aged 70 or more get a further cover of their own.',
      hi: 'अस्पताल में भर्ती होने पर प्रति परिवार प्रति वर्ष 5 लाख रुपये तक कैशलेस इलाज, जिसमें दवाइयां, जांचें, भर्ती से 3 दिन पहले और 15 दिन बाद का खर्च शामिल है। परिवार के आकार या आयु की कोई सीमा नहीं। 70 वर्ष से अधिक आयु के नागरिकों को अलग से अतिरिक्त कवर।',
    },
    howToApply: {
      en: 'Check whether your family is eligible on the beneficiary portal or the Ayushman app using your mobile number or ration card. Make the Ayushman card by e-KYC on the app, at a Common Service Centre, the gram panchayat or at the Ayushman desk of a listed hospital. Show the card at the hospital.',
      hi: 'लाभार्थी पोर्टल या आयुष्मान ऐप पर मोबाइल नंबर या राशन कार्ड से पात्रता देखें। ऐप, कॉमन सर्विस सेंटर, ग्राम पंचायत या सूचीबद्ध अस्पताल के आयुष्मान डेस्क पर ई-केवाईसी से आयुष्मान कार्ड बनवाएं। अस्पताल में कार्ड दिखाएं।',
    },
    documents: {
      en: ['Aadhaar card', 'Ration card (eligibility slip) or Samagra ID', 'Mobile number'],
      hi: ['आधार कार्ड', 'राशन कार्ड (पात्रता पर्ची) या समग्र आईडी', 'मोबाइल नंबर'],
    },
    shortAnswer: {
      en: 'Families with a ration card, families in the SECC list, Sambal workers and everyone aged 70 or more get free hospital treatment up to 5 lakh rupees a year. Make the Ayushman card with Aadhaar e-KYC on the app, at a Common Service Centre or at the hospital.',
      hi: 'राशन कार्ड वाले परिवार, एसईसीसी सूची के परिवार, संबल श्रमिक और 70 वर्ष से अधिक आयु के सभी लोगों को साल में 5 लाख रुपये तक मुफ्त इलाज मिलता है। ऐप, कॉमन सर्विस सेंटर या अस्पताल में आधार ई-केवाईसी से आयुष्मान कार्ड बनवाएं।',
    },
    tags: ['ayushman card', 'health card', 'free treatment', 'hospital', 'आयुष्मान कार्ड', 'इलाज', 'अस्पताल'],
    officialLink: 'https://beneficiary.nha.gov.in',
    published: true,
  },
  {
    code: 'PRD-PMAY-G',
    kind: 'scheme',
    department: 'PRD',
    title: { en: 'PM Awas Yojana (Gramin)', hi: 'प्रधानमंत्री आवास योजना (ग्रामीण)' },
    summary: {
      en: 'Money to build a pucca house for rural families who have no house or live in a kachha house.',
      hi: 'बेघर या कच्चे मकान में रहने वाले ग्रामीण परिवारों को पक्का मकान बनाने के लिए सहायता राशि।',
    },
    eligibility: {
      en: 'Rural families without a house or living in a house of one or two rooms with kachha walls and roof, selected from the SECC 2011 / Awaas+ survey lists and approved by the Gram Sabha.\nNot eligible, among others: families with a motorised vehicle, a government employee, an income-tax payer, or a Kisan Credit Card limit of Rs 50,000 or more.',
      hi: 'बेघर या कच्ची दीवार और छत वाले एक-दो कमरे के मकान में रहने वाले ग्रामीण परिवार, जो एसईसीसी 2011 / आवास प्लस सर्वे की सूची से चुने गए हों और ग्राम सभा से स्वीकृत हों।\nअपात्र, अन्य के साथ: मोटर वाहन वाले परिवार, शासकीय कर्मचारी, आयकरदाता, या 50,000 रुपये या अधिक सीमा का किसान क्रेडिट कार्ड रखने वाले परिवार।',
    },
    benefits: {
      en: 'Rs 1.20 lakh (Rs 1.30 lakh in hilly and difficult areas) in instalments as the house is built, about 90 days of MGNREGA wages for working on your own house, and help for a toilet under Swachh Bharat Mission.',
      hi: 'मकान बनने के साथ किस्तों में 1.20 लाख रुपये (पहाड़ी और दुर्गम क्षेत्रों में 1.30 लाख), अपने मकान पर काम के लिए मनरेगा से लगभग 90 दिन की मजदूरी, और स्वच्छ भारत मिशन से शौचालय के लिए सहायता।',
    },
    howToApply: {
      en: 'Houses are given from the permanent wait list of the gram panchayat; ask the panchayat secretary or Gram Rozgar Sahayak whether your name is on it and in what order. Families left out can ask to be surveyed when the Awaas+ survey is open. No one may charge money for sanction: report it to 181.',
      hi: 'मकान ग्राम पंचायत की स्थायी प्रतीक्षा सूची से दिए जाते हैं; पंचायत सचिव या ग्राम रोजगार सहायक से पूछें कि आपका नाम सूची में है या नहीं और किस क्रम पर। छूटे परिवार आवास प्लस सर्वे खुलने पर सर्वे करा सकते हैं। स्वीकृति के लिए पैसे मांगना अपराध है: 181 पर शिकायत करें।',
    },
    documents: {
      en: [
        'Aadhaar card',
        'MGNREGA job card',
        'Bank account passbook',
        'Samagra ID',
        'Consent for using Aadhaar',
      ],
      hi: ['आधार कार्ड', 'मनरेगा जॉब कार्ड', 'बैंक खाते की पासबुक', 'समग्र आईडी', 'आधार उपयोग की सहमति'],
    },
    shortAnswer: {
      en: 'Rural families without a pucca house who are on the gram panchayat wait list get 1.20 lakh rupees in instalments to build one. Ask the panchayat secretary where your name is on the list. Nobody may ask you for money for it.',
      hi: 'पक्का मकान न रखने वाले ग्रामीण परिवार, जिनका नाम ग्राम पंचायत की प्रतीक्षा सूची में है, उन्हें मकान बनाने के लिए किस्तों में 1.20 लाख रुपये मिलते हैं। पंचायत सचिव से सूची में अपना क्रम पूछें। इसके लिए कोई पैसे नहीं मांग सकता।',
    },
    tags: ['housing', 'house', 'awas', 'pmay', 'मकान', 'आवास', 'घर'],
    officialLink: 'https://pmayg.nic.in',
    published: true,
  },
  {
    code: 'LABOUR-SAMBAL',
    kind: 'scheme',
    department: 'LABOUR',
    title: {
      en: 'Sambal: Mukhyamantri Jan Kalyan Yojana',
      hi: 'संबल: मुख्यमंत्री जन कल्याण योजना',
    },
    summary: {
      en: 'Support for registered unorganised workers and their families: help on death or disability, at childbirth, for funerals and for education.',
      hi: 'पंजीकृत असंगठित श्रमिकों और उनके परिवारों को सहायता: मृत्यु या दिव्यांगता पर, प्रसूति पर, अंत्येष्टि और शिक्षा के लिए।',
    },
    eligibility: {
      en: 'A resident of Madhya Pradesh aged 18 to 60 who works in the unorganised sector (labourers, small farmers with under 1 hectare, street vendors, domestic workers and similar). Not eligible: income-tax payers, government employees, and those with more than 1 hectare of land.',
      hi: 'मध्यप्रदेश का 18 से 60 वर्ष का निवासी जो असंगठित क्षेत्र में काम करता हो (मजदूर, 1 हेक्टेयर से कम भूमि वाले किसान, फेरीवाले, घरेलू कामगार आदि)। अपात्र: आयकरदाता, शासकीय कर्मचारी और 1 हेक्टेयर से अधिक भूमि वाले।',
    },
    benefits: {
      en: 'Rs 4 lakh on accidental death, Rs 2 lakh on ordinary death, Rs 2 lakh for permanent total disability and Rs 1 lakh for partial disability; Rs 5,000 towards the funeral; Rs 16,000 maternity help for women workers; fees of children in higher education under the state schemes.',
      hi: 'दुर्घटना में मृत्यु पर 4 लाख रुपये, सामान्य मृत्यु पर 2 लाख, स्थायी पूर्ण दिव्यांगता पर 2 लाख और आंशिक दिव्यांगता पर 1 लाख रुपये; अंत्येष्टि के लिए 5,000 रुपये; महिला श्रमिकों को 16,000 रुपये प्रसूति सहायता; राज्य की योजनाओं में बच्चों की उच्च शिक्षा की फीस।',
    },
    howToApply: {
      en: 'Register on the Sambal portal through the gram panchayat or the urban body, or online yourself with your Samagra ID. After verification you get a Sambal card. Claims are made at the janpad panchayat or urban body within the time limit after the event.',
      hi: 'ग्राम पंचायत या नगरीय निकाय के माध्यम से या स्वयं समग्र आईडी से संबल पोर्टल पर ऑनलाइन पंजीयन कराएं। सत्यापन के बाद संबल कार्ड मिलता है। घटना के बाद तय समय में जनपद पंचायत या नगरीय निकाय में दावा करें।',
    },
    documents: {
      en: ['Samagra ID', 'Aadhaar card', 'Mobile number', 'Bank account details'],
      hi: ['समग्र आईडी', 'आधार कार्ड', 'मोबाइल नंबर', 'बैंक खाते का विवरण'],
    },
    shortAnswer: {
      en: 'Unorganised workers aged 18 to 60 register for Sambal through the panchayat or urban body with their Samagra ID. Registered families get help on death or disability, for funerals, at childbirth and for education.',
      hi: '18 से 60 वर्ष के असंगठित श्रमिक समग्र आईडी से पंचायत या नगरीय निकाय में संबल पंजीयन कराएं। पंजीकृत परिवारों को मृत्यु या दिव्यांगता, अंत्येष्टि, प्रसूति और शिक्षा में सहायता मिलती है।',
    },
    tags: ['sambal', 'labour', 'worker', 'unorganised', 'maternity', 'संबल', 'श्रमिक', 'मजदूर', 'प्रसूति'],
    officialLink: 'https://sambal.mp.gov.in',
    published: true,
  },
  {
    code: 'SJ-OLD-AGE-PENSION',
    kind: 'scheme',
    department: 'SJ',
    title: { en: 'Old age pension (social security pension)', hi: 'वृद्धावस्था पेंशन (सामाजिक सुरक्षा पेंशन)' },
    summary: {
      en: 'A monthly pension for people aged 60 or more from poor families, paid into their bank account.',
      hi: 'गरीब परिवारों के 60 वर्ष या अधिक आयु के व्यक्तियों को बैंक खाते में मासिक पेंशन।',
    },
    eligibility: {
      en: 'Aged 60 or more and from a family below the poverty line (Indira Gandhi National Old Age Pension), or destitute (state social security pension).',
      hi: '60 वर्ष या अधिक आयु और गरीबी रेखा से नीचे का परिवार (इंदिरा गांधी राष्ट्रीय वृद्धावस्था पेंशन), या निराश्रित (राज्य सामाजिक सुरक्षा पेंशन)।',
    },
    benefits: {
      en: 'A monthly pension (Rs 600 at the time of writing) paid by DBT into the bank account.',
      hi: 'हर महीने पेंशन (लिखते समय 600 रुपये) डीबीटी से बैंक खाते में।',
    },
    howToApply: {
      en: 'Apply at the gram panchayat, the janpad panchayat or the ward office of the urban body, or online through the Samagra social security pension portal. The application is verified and sanctioned by the janpad or urban body.',
      hi: 'ग्राम पंचायत, जनपद पंचायत या नगरीय निकाय के वार्ड कार्यालय में, या समग्र सामाजिक सुरक्षा पेंशन पोर्टल पर ऑनलाइन आवेदन करें। जनपद या नगरीय निकाय सत्यापन कर स्वीकृति देता है।',
    },
    documents: {
      en: [
        'Samagra ID',
        'Aadhaar card',
        'Proof of age',
        'BPL card or ration card',
        'Bank account passbook',
        'Photograph',
      ],
      hi: ['समग्र आईडी', 'आधार कार्ड', 'आयु प्रमाण', 'बीपीएल कार्ड या राशन कार्ड', 'बैंक पासबुक', 'फोटो'],
    },
    shortAnswer: {
      en: 'People aged 60 or more from poor families get a monthly pension in their bank account. Apply at the gram panchayat, janpad or ward office with Samagra ID, Aadhaar, proof of age and bank passbook.',
      hi: 'गरीब परिवारों के 60 वर्ष या अधिक आयु के लोगों को हर महीने बैंक खाते में पेंशन मिलती है। समग्र आईडी, आधार, आयु प्रमाण और बैंक पासबुक के साथ ग्राम पंचायत, जनपद या वार्ड कार्यालय में आवेदन करें।',
    },
    tags: ['pension', 'old age', 'senior citizen', 'elderly', 'पेंशन', 'वृद्धावस्था', 'बुजुर्ग'],
    officialLink: 'https://socialsecurity.mp.gov.in',
    published: true,
  },
  {
    code: 'SJ-WIDOW-PENSION',
    kind: 'scheme',
    department: 'SJ',
    title: { en: 'Widow pension (Kalyani pension)', hi: 'विधवा पेंशन (कल्याणी पेंशन)' },
    summary: {
      en: 'A monthly pension for widows from poor families, paid into their bank account.',
      hi: 'गरीब परिवारों की विधवा महिलाओं को बैंक खाते में मासिक पेंशन।',
    },
    eligibility: {
      en: 'A widow aged 18 to 79 from a family below the poverty line or in need (Indira Gandhi National Widow Pension from 40 years; state Kalyani pension otherwise).',
      hi: 'गरीबी रेखा से नीचे या जरूरतमंद परिवार की 18 से 79 वर्ष की विधवा महिला (40 वर्ष से इंदिरा गांधी राष्ट्रीय विधवा पेंशन; अन्यथा राज्य की कल्याणी पेंशन)।',
    },
    benefits: {
      en: 'A monthly pension (Rs 600 at the time of writing) paid by DBT into her bank account.',
      hi: 'हर महीने पेंशन (लिखते समय 600 रुपये) डीबीटी से उसके बैंक खाते में।',
    },
    howToApply: {
      en: 'Apply at the gram panchayat, janpad panchayat or ward office, or online on the social security pension portal with your Samagra ID.',
      hi: 'समग्र आईडी के साथ ग्राम पंचायत, जनपद पंचायत या वार्ड कार्यालय में, या सामाजिक सुरक्षा पेंशन पोर्टल पर ऑनलाइन आवेदन करें।',
    },
    documents: {
      en: [
        "Husband's death certificate",
        'Samagra ID',
        'Aadhaar card',
        'Proof of age',
        'Bank account passbook',
      ],
      hi: ['पति का मृत्यु प्रमाण पत्र', 'समग्र आईडी', 'आधार कार्ड', 'आयु प्रमाण', 'बैंक पासबुक'],
    },
    shortAnswer: {
      en: "Widows from poor families get a monthly pension in their bank account. Apply at the gram panchayat, janpad or ward office with the husband's death certificate, Samagra ID, Aadhaar and bank passbook.",
      hi: 'गरीब परिवारों की विधवा महिलाओं को हर महीने बैंक खाते में पेंशन मिलती है। पति के मृत्यु प्रमाण पत्र, समग्र आईडी, आधार और बैंक पासबुक के साथ ग्राम पंचायत, जनपद या वार्ड कार्यालय में आवेदन करें।',
    },
    tags: ['pension', 'widow', 'kalyani', 'पेंशन', 'विधवा', 'कल्याणी'],
    officialLink: 'https://socialsecurity.mp.gov.in',
    published: true,
  },
  {
    code: 'TRIBAL-POST-MATRIC',
    kind: 'scheme',
    department: 'TRIBAL',
    title: { en: 'Post-matric scholarship', hi: 'पोस्ट मैट्रिक छात्रवृत्ति' },
    summary: {
      en: 'Fees and a maintenance allowance for Scheduled Tribe students from class 11 to college, applied for online.',
      hi: 'अनुसूचित जनजाति के विद्यार्थियों को कक्षा 11 से कॉलेज तक फीस और निर्वाह भत्ता, ऑनलाइन आवेदन से।',
    },
    eligibility: {
      en: "Scheduled Tribe students of Madhya Pradesh studying in class 11, 12, college or a recognised course after class 10, whose parents' income is within the limit (Rs 2.5 lakh a year at the time of writing). Scheduled Caste and OBC students apply for their own post-matric scholarships on the same portal.",
      hi: 'मध्यप्रदेश के अनुसूचित जनजाति के विद्यार्थी जो कक्षा 11, 12, कॉलेज या कक्षा 10 के बाद के मान्यता प्राप्त पाठ्यक्रम में पढ़ रहे हों और जिनके माता-पिता की आय सीमा के भीतर हो (लिखते समय 2.5 लाख रुपये वार्षिक)। अनुसूचित जाति और अन्य पिछड़ा वर्ग के विद्यार्थी उसी पोर्टल पर अपनी पोस्ट मैट्रिक छात्रवृत्ति के लिए आवेदन करते हैं।',
    },
    benefits: {
      en: 'Compulsory non-refundable fees of the institution and a monthly maintenance allowance, paid into the student’s bank account.',
      hi: 'संस्था का अनिवार्य अप्रतिदेय शुल्क और मासिक निर्वाह भत्ता, विद्यार्थी के बैंक खाते में।',
    },
    howToApply: {
      en: 'Apply online on the MP Scholarship Portal 2.0 after admission, within the dates announced each year; the institution checks and forwards the application. Keep the Aadhaar-linked bank account active.',
      hi: 'प्रवेश के बाद हर वर्ष घोषित तिथियों में एमपी स्कॉलरशिप पोर्टल 2.0 पर ऑनलाइन आवेदन करें; संस्था आवेदन की जांच कर आगे भेजती है। आधार से जुड़ा बैंक खाता सक्रिय रखें।',
    },
    documents: {
      en: [
        'Caste certificate',
        'Income certificate',
        'Samagra ID',
        'Aadhaar card',
        'Marksheet of the previous class',
        'Admission and fee receipt',
        'Aadhaar-linked bank account',
      ],
      hi: [
        'जाति प्रमाण पत्र',
        'आय प्रमाण पत्र',
        'समग्र आईडी',
        'आधार कार्ड',
        'पिछली कक्षा की अंकसूची',
        'प्रवेश और शुल्क की रसीद',
        'आधार से जुड़ा बैंक खाता',
      ],
    },
    shortAnswer: {
      en: 'Scheduled Tribe students from class 11 onwards whose family income is within the limit get their fees and a maintenance allowance. Apply online on the MP Scholarship Portal after admission; the college forwards it.',
      hi: 'कक्षा 11 से आगे पढ़ने वाले अनुसूचित जनजाति के विद्यार्थी, जिनके परिवार की आय सीमा में है, उन्हें फीस और निर्वाह भत्ता मिलता है। प्रवेश के बाद एमपी स्कॉलरशिप पोर्टल पर ऑनलाइन आवेदन करें; कॉलेज उसे आगे भेजता है।',
    },
    tags: ['scholarship', 'student', 'college', 'ST', 'SC', 'OBC', 'छात्रवृत्ति', 'विद्यार्थी', 'कॉलेज'],
    officialLink: 'https://scholarshipportal.mp.nic.in',
    published: true,
  },
  {
    code: 'FOOD-RATION-CARD',
    kind: 'service',
    department: 'FOOD',
    title: {
      en: 'Ration card (eligibility slip) under the Public Distribution System',
      hi: 'राशन कार्ड (पात्रता पर्ची), सार्वजनिक वितरण प्रणाली',
    },
    summary: {
      en: 'How an eligible family gets its eligibility slip and free grain every month at the fair price shop.',
      hi: 'पात्र परिवार को पात्रता पर्ची और उचित मूल्य दुकान से हर महीने निःशुल्क अनाज कैसे मिलता है।',
    },
    eligibility: {
      en: 'Families in the eligible categories under the National Food Security Act in Madhya Pradesh, such as BPL and Antyodaya families, Sambal card holders, social security pensioners, persons with disabilities, registered construction workers and others notified by the state.',
      hi: 'मध्यप्रदेश में राष्ट्रीय खाद्य सुरक्षा अधिनियम की पात्र श्रेणियों के परिवार, जैसे बीपीएल और अंत्योदय परिवार, संबल कार्डधारी, सामाजिक सुरक्षा पेंशनधारी, दिव्यांगजन, पंजीकृत निर्माण श्रमिक और राज्य द्वारा अधिसूचित अन्य।',
    },
    benefits: {
      en: 'Free grain every month: 5 kg per person for priority households and 35 kg per family for Antyodaya families, at the fair price shop, with the fingerprint of any family member.',
      hi: 'हर महीने निःशुल्क अनाज: प्राथमिकता परिवारों को प्रति व्यक्ति 5 किलो और अंत्योदय परिवारों को प्रति परिवार 35 किलो, उचित मूल्य दुकान पर परिवार के किसी भी सदस्य के अंगूठे से।',
    },
    howToApply: {
      en: 'Apply at the gram panchayat (villages) or ward office (towns) with the Samagra ID and proof of your eligible category. After verification the eligibility slip is generated. Every member must complete e-KYC at the ration shop so that no name is removed.',
      hi: 'समग्र आईडी और पात्र श्रेणी के प्रमाण के साथ ग्राम पंचायत (ग्रामीण) या वार्ड कार्यालय (शहरी) में आवेदन करें। सत्यापन के बाद पात्रता पर्ची जारी होती है। हर सदस्य राशन दुकान पर ई-केवाईसी कराए ताकि कोई नाम न कटे।',
    },
    documents: {
      en: [
        'Samagra family ID',
        'Aadhaar card of every member',
        'Proof of the eligible category (for example BPL card, Sambal card, pension order)',
      ],
      hi: [
        'समग्र परिवार आईडी',
        'परिवार के हर सदस्य का आधार कार्ड',
        'पात्र श्रेणी का प्रमाण (जैसे बीपीएल कार्ड, संबल कार्ड, पेंशन आदेश)',
      ],
    },
    shortAnswer: {
      en: 'Families in an eligible category apply at the gram panchayat or ward office with their Samagra ID. With the eligibility slip they get free grain every month, 5 kg a person. Every member should do e-KYC at the ration shop.',
      hi: 'पात्र श्रेणी के परिवार समग्र आईडी के साथ ग्राम पंचायत या वार्ड कार्यालय में आवेदन करें। पात्रता पर्ची से हर महीने प्रति व्यक्ति 5 किलो निःशुल्क अनाज मिलता है। हर सदस्य राशन दुकान पर ई-केवाईसी कराए।',
    },
    tags: [
      'ration',
      'ration card',
      'pds',
      'grain',
      'eligibility slip',
      'राशन',
      'राशन कार्ड',
      'पात्रता पर्ची',
      'अनाज',
    ],
    officialLink: 'https://rationmitra.nic.in',
    published: true,
  },
  {
    code: 'TIRTH-DARSHAN',
    kind: 'scheme',
    department: null,
    title: { en: 'Mukhyamantri Tirth Darshan Yojana', hi: 'मुख्यमंत्री तीर्थ दर्शन योजना' },
    summary: {
      en: 'A free pilgrimage by train, and on some routes by air, for senior citizens of Madhya Pradesh.',
      hi: 'मध्यप्रदेश के वरिष्ठ नागरिकों के लिए ट्रेन से, और कुछ मार्गों पर हवाई जहाज से, निःशुल्क तीर्थ यात्रा।',
    },
    eligibility: {
      en: 'Residents of Madhya Pradesh aged 60 or more who do not pay income tax and are fit to travel. Travellers aged 65 or more may take one helper. A person can travel under the scheme once.',
      hi: 'मध्यप्रदेश के 60 वर्ष या अधिक आयु के निवासी जो आयकरदाता न हों और यात्रा के योग्य हों। 65 वर्ष से अधिक आयु के यात्री एक सहायक साथ ले जा सकते हैं। योजना में एक बार यात्रा की जा सकती है।',
    },
    benefits: {
      en: 'Travel, food, stay and local transport for the journey to the chosen place of pilgrimage, paid by the state.',
      hi: 'चुने हुए तीर्थ स्थान की यात्रा, भोजन, ठहरने और स्थानीय परिवहन का खर्च राज्य शासन द्वारा।',
    },
    howToApply: {
      en: 'When a journey from your district is announced, apply at the gram panchayat, janpad panchayat or urban body. If there are more applicants than seats, travellers are chosen by lottery.',
      hi: 'आपके जिले से यात्रा घोषित होने पर ग्राम पंचायत, जनपद पंचायत या नगरीय निकाय में आवेदन करें। सीटों से अधिक आवेदन होने पर लॉटरी से यात्री चुने जाते हैं।',
    },
    documents: {
      en: [
        'Samagra ID',
        'Aadhaar card',
        'Proof of age',
        'Medical certificate of fitness to travel',
        'Photograph',
      ],
      hi: ['समग्र आईडी', 'आधार कार्ड', 'आयु प्रमाण', 'यात्रा योग्य होने का चिकित्सा प्रमाण पत्र', 'फोटो'],
    },
    shortAnswer: {
      en: 'Residents aged 60 or more who do not pay income tax can go on a free pilgrimage once. Apply at the panchayat, janpad or urban body when a journey from your district is announced; seats are given by lottery.',
      hi: '60 वर्ष से अधिक आयु के निवासी जो आयकरदाता नहीं हैं, एक बार निःशुल्क तीर्थ यात्रा कर सकते हैं। जिले से यात्रा घोषित होने पर पंचायत, जनपद या नगरीय निकाय में आवेदन करें; सीटें लॉटरी से मिलती हैं।',
    },
    tags: ['pilgrimage', 'tirth', 'senior citizen', 'yatra', 'तीर्थ', 'यात्रा', 'बुजुर्ग'],
    officialLink: null,
    published: true,
  },
  {
    code: 'REV-CERTIFICATES',
    kind: 'service',
    department: 'REV',
    title: {
      en: 'Income, caste and domicile certificates',
      hi: 'आय, जाति और मूल निवासी प्रमाण पत्र',
    },
    summary: {
      en: 'Where to apply for an income, caste or domicile certificate, what to bring, and the time limit under the Lok Sewa Guarantee Act.',
      hi: 'आय, जाति या मूल निवासी प्रमाण पत्र के लिए कहां आवेदन करें, क्या साथ लाएं, और लोक सेवा गारंटी अधिनियम की समय सीमा।',
    },
    eligibility: {
      en: 'Any resident of Madhya Pradesh. A caste certificate needs proof that the family belongs to the caste in the state (for Scheduled Castes and Tribes, records from before 1950; for OBC, from before 1984).',
      hi: 'मध्यप्रदेश का कोई भी निवासी। जाति प्रमाण पत्र के लिए परिवार के राज्य में उस जाति का होने का प्रमाण चाहिए (अनुसूचित जाति/जनजाति के लिए 1950 से पहले के, अन्य पिछड़ा वर्ग के लिए 1984 से पहले के अभिलेख)।',
    },
    benefits: {
      en: 'The certificate is issued within the time limit fixed under the Lok Sewa Guarantee Act; the receipt shows the date. If it is late, you can appeal, or call 181.',
      hi: 'लोक सेवा गारंटी अधिनियम में तय समय सीमा में प्रमाण पत्र जारी होता है; पावती पर तिथि लिखी होती है। देरी होने पर अपील कर सकते हैं, या 181 पर कॉल करें।',
    },
    howToApply: {
      en: 'Apply at a Lok Seva Kendra, an MP Online kiosk or on the MP e-District portal. Keep the receipt (pavti) with the application number. The certificate can be downloaded and verified online.',
      hi: 'लोक सेवा केंद्र, एमपी ऑनलाइन कियोस्क या एमपी ई-डिस्ट्रिक्ट पोर्टल पर आवेदन करें। आवेदन क्रमांक वाली पावती संभाल कर रखें। प्रमाण पत्र ऑनलाइन डाउनलोड और सत्यापित किया जा सकता है।',
    },
    documents: {
      en: [
        'Samagra ID',
        'Aadhaar card',
        'Self-declaration form',
        'Proof of residence',
        "For caste: old records or a family member's caste certificate",
        'For income: salary slip or land records, as applicable',
      ],
      hi: [
        'समग्र आईडी',
        'आधार कार्ड',
        'स्व-घोषणा पत्र',
        'निवास प्रमाण',
        'जाति के लिए: पुराने अभिलेख या परिवार के सदस्य का जाति प्रमाण पत्र',
        'आय के लिए: वेतन पर्ची या भू-अभिलेख, जो लागू हो',
      ],
    },
    shortAnswer: {
      en: 'Apply for income, caste or domicile certificates at a Lok Seva Kendra, MP Online kiosk or the e-District portal with Samagra ID, Aadhaar and a self-declaration. Keep the receipt: it shows the date by which the certificate is due.',
      hi: 'आय, जाति या मूल निवासी प्रमाण पत्र के लिए समग्र आईडी, आधार और स्व-घोषणा पत्र के साथ लोक सेवा केंद्र, एमपी ऑनलाइन कियोस्क या ई-डिस्ट्रिक्ट पोर्टल पर आवेदन करें। पावती संभालें: उस पर प्रमाण पत्र मिलने की तिथि होती है।',
    },
    tags: [
      'certificate',
      'income certificate',
      'caste certificate',
      'domicile',
      'lok seva kendra',
      'प्रमाण पत्र',
      'जाति',
      'आय',
      'मूल निवासी',
    ],
    officialLink: 'https://mpedistrict.gov.in',
    published: true,
  },
  {
    code: 'PRD-MGNREGA-JOB-CARD',
    kind: 'service',
    department: 'PRD',
    title: { en: 'MGNREGA job card and work on demand', hi: 'मनरेगा जॉब कार्ड और मांग पर काम' },
    summary: {
      en: 'How a rural family gets a job card and up to 100 days of paid work a year near home.',
      hi: 'ग्रामीण परिवार को जॉब कार्ड और घर के पास साल में 100 दिन तक मजदूरी वाला काम कैसे मिलता है।',
    },
    eligibility: {
      en: 'Any rural household whose adult members are willing to do unskilled manual work.',
      hi: 'कोई भी ग्रामीण परिवार जिसके वयस्क सदस्य अकुशल शारीरिक श्रम करने को तैयार हों।',
    },
    benefits: {
      en: 'Up to 100 days of work per household per year within 5 km of home, wages paid into the bank account within 15 days, and an unemployment allowance if work is not given within 15 days of asking.',
      hi: 'प्रति परिवार साल में 100 दिन तक घर से 5 किमी के भीतर काम, 15 दिन में बैंक खाते में मजदूरी, और मांगने के 15 दिन में काम न मिलने पर बेरोजगारी भत्ता।',
    },
    howToApply: {
      en: 'Apply for a job card at the gram panchayat in writing or orally; it should be issued within 15 days free of charge. To get work, give a written demand for work to the gram panchayat and take a dated receipt.',
      hi: 'जॉब कार्ड के लिए ग्राम पंचायत में लिखित या मौखिक आवेदन करें; यह 15 दिन में निःशुल्क बनना चाहिए। काम के लिए ग्राम पंचायत को लिखित मांग दें और दिनांकित पावती लें।',
    },
    documents: {
      en: [
        'Photographs of the adult members',
        'Aadhaar card',
        'Bank or post office account details',
        'Samagra ID',
      ],
      hi: ['वयस्क सदस्यों के फोटो', 'आधार कार्ड', 'बैंक या डाकघर खाते का विवरण', 'समग्र आईडी'],
    },
    shortAnswer: {
      en: 'Any rural family can get a free job card from the gram panchayat within 15 days and up to 100 days of work a year. Ask for work in writing and keep the dated receipt; wages come to the bank within 15 days.',
      hi: 'कोई भी ग्रामीण परिवार ग्राम पंचायत से 15 दिन में निःशुल्क जॉब कार्ड और साल में 100 दिन तक काम पा सकता है। काम की मांग लिखित में दें और दिनांकित पावती रखें; मजदूरी 15 दिन में खाते में आती है।',
    },
    tags: ['mgnrega', 'nrega', 'job card', 'work', 'wages', 'मनरेगा', 'जॉब कार्ड', 'रोजगार', 'मजदूरी'],
    officialLink: 'https://nrega.nic.in',
    published: true,
  },
  {
    code: 'HELPLINE-181',
    kind: 'faq',
    department: null,
    title: {
      en: 'How to raise a grievance and follow it up (CM Helpline 181)',
      hi: 'शिकायत कैसे दर्ज करें और उसकी स्थिति कैसे जानें (सीएम हेल्पलाइन 181)',
    },
    summary: {
      en: 'Call 181 or use this portal to raise a grievance or ask for information; keep the reference number to follow it up.',
      hi: 'शिकायत या जानकारी के लिए 181 पर कॉल करें या इस पोर्टल का उपयोग करें; स्थिति जानने के लिए संदर्भ क्रमांक संभालें।',
    },
    eligibility: {
      en: 'Anyone can call or write, about any department of the state government. You may also raise a grievance without giving your name.',
      hi: 'कोई भी व्यक्ति राज्य शासन के किसी भी विभाग के बारे में कॉल कर सकता है या लिख सकता है। बिना नाम बताए भी शिकायत दर्ज की जा सकती है।',
    },
    benefits: {
      en: 'Every grievance goes to the responsible officer with a fixed time to resolve it. If it is not resolved in time, it moves up to a senior officer automatically. You are asked whether you are satisfied before it is closed.',
      hi: 'हर शिकायत जिम्मेदार अधिकारी को निश्चित समय सीमा के साथ जाती है। समय पर हल न होने पर यह अपने आप वरिष्ठ अधिकारी के पास पहुंचती है। बंद करने से पहले आपसे संतुष्टि पूछी जाती है।',
    },
    howToApply: {
      en: 'Call 181 (free), or raise it on this portal with or without verifying your mobile number. Note the reference number. Track it here with your mobile number, or call 181 and give the reference. If you are not satisfied with the resolution, say so and it is reopened.',
      hi: '181 पर कॉल करें (निःशुल्क), या इस पोर्टल पर मोबाइल नंबर सत्यापित करके या बिना किए दर्ज करें। संदर्भ क्रमांक लिख लें। मोबाइल नंबर से यहां स्थिति देखें, या 181 पर कॉल करके संदर्भ क्रमांक बताएं। समाधान से संतुष्ट न हों तो बताएं, शिकायत फिर से खोली जाएगी।',
    },
    documents: {
      en: ['Nothing is required; keep any application number or receipt you already have at hand'],
      hi: ['कुछ भी आवश्यक नहीं; आपके पास कोई आवेदन क्रमांक या पावती हो तो साथ रखें'],
    },
    shortAnswer: {
      en: 'Call 181 or use this portal to raise a grievance. Keep the reference number; it goes to the responsible officer with a fixed time and moves up if it is late.',
      hi: 'शिकायत के लिए 181 पर कॉल करें या इस पोर्टल का उपयोग करें। संदर्भ क्रमांक संभालें; शिकायत तय समय के साथ जिम्मेदार अधिकारी को जाती है और देरी होने पर ऊपर पहुंचती है।',
    },
    tags: ['181', 'helpline', 'complaint', 'grievance', 'track', 'शिकायत', 'हेल्पलाइन', 'स्थिति'],
    officialLink: null,
    published: true,
  },
  {
    // A draft: agents are briefed before a registration round opens; the public does not see it yet.
    code: 'WCD-LADLI-BEHNA-NEW-ROUND',
    kind: 'faq',
    department: 'WCD',
    title: {
      en: 'Ladli Behna: when will new registrations open?',
      hi: 'लाड़ली बहना: नए पंजीयन कब शुरू होंगे?',
    },
    summary: {
      en: 'Draft for agents: the date of the next registration round is not announced yet.',
      hi: 'एजेंटों के लिए प्रारूप: अगले पंजीयन चरण की तिथि अभी घोषित नहीं हुई है।',
    },
    eligibility: {},
    benefits: {},
    howToApply: {},
    documents: {},
    shortAnswer: {
      en: 'New registrations open only when the government announces a round. Please keep your Samagra e-KYC ready; the date will be announced in the news and at your panchayat.',
      hi: 'नए पंजीयन शासन द्वारा चरण घोषित होने पर ही शुरू होते हैं। अपना समग्र ई-केवाईसी तैयार रखें; तिथि समाचारों और आपकी पंचायत में बताई जाएगी।',
    },
    tags: ['ladli behna', 'registration', 'लाडली बहना', 'पंजीयन'],
    officialLink: null,
    published: false,
  },
];

/** Every article in English, Hindi and Swahili. */
export const KNOWLEDGE_ARTICLES: SeedArticle[] = ARTICLES.map(withSwahili);

/**
 * Information topics (categories of kind "information") citizens choose on the enquiry form, added to
 * these departments' categories. Short resolution times: an answer, not a repair.
 */
export const ENQUIRY_TOPICS: Record<string, SeedCategory[]> = {
  WCD: [
    {
      code: 'WCD-SCHEME-INFO',
      name: {
        en: 'Eligibility for Ladli Behna, Ladli Laxmi and other schemes for women and girls',
        hi: 'लाड़ली बहना, लाड़ली लक्ष्मी और महिलाओं व बालिकाओं की अन्य योजनाओं की पात्रता',
        sw: 'Vigezo vya mipango ya wanawake na wasichana (Ladli Behna, Ladli Laxmi)',
      },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'My mother is 58 and a widow; can she apply for Ladli Behna Yojana?',
          'My daughter was born last month; where do I register her under Ladli Laxmi?',
        ],
        hi: [
          'मेरी माँ 58 वर्ष की विधवा हैं, क्या वे लाड़ली बहना योजना में आवेदन कर सकती हैं?',
          'मेरी बेटी का जन्म पिछले महीने हुआ है, लाड़ली लक्ष्मी में पंजीयन कहाँ कराएं?',
        ],
      },
    },
  ],
  SJ: [
    {
      code: 'SJ-PENSION-INFO',
      name: {
        en: 'Pensions and Kanya Vivah: who can apply and how',
        hi: 'पेंशन और कन्या विवाह: कौन और कैसे आवेदन करे',
        sw: 'Pensheni na msaada wa harusi: nani anastahili na jinsi ya kuomba',
      },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'What documents are needed for the old age pension for my father?',
          'When is the next mass wedding under Kanya Vivah Yojana in our janpad?',
        ],
        hi: [
          'पिताजी की वृद्धावस्था पेंशन के लिए कौन से दस्तावेज़ लगेंगे?',
          'हमारे जनपद में कन्या विवाह योजना का अगला सामूहिक विवाह कब है?',
        ],
      },
    },
  ],
  REV: [
    {
      code: 'REV-CERTIFICATE-INFO',
      name: {
        en: 'Certificate procedure (income, caste, domicile)',
        hi: 'प्रमाण पत्र की प्रक्रिया (आय, जाति, मूल निवासी)',
        sw: 'Utaratibu wa kupata vyeti (kipato, tabaka, makazi)',
      },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'Which old records are accepted for an OBC caste certificate?',
          'Can I apply for a domicile certificate online?',
        ],
        hi: [
          'अन्य पिछड़ा वर्ग के जाति प्रमाण पत्र के लिए कौन से पुराने अभिलेख मान्य हैं?',
          'क्या मूल निवासी प्रमाण पत्र के लिए ऑनलाइन आवेदन कर सकते हैं?',
        ],
      },
    },
    {
      code: 'REV-APPLICATION-STATUS',
      name: {
        en: 'Status of an application made at a Lok Seva Kendra',
        hi: 'लोक सेवा केंद्र में दिए आवेदन की स्थिति',
        sw: 'Hali ya ombi lililotolewa kwenye kituo cha huduma',
      },
      kind: 'information',
      resolutionValue: 2,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'I applied for an income certificate two weeks ago; what is its status?',
          'How do I know if my application at the Lok Seva Kendra has been approved?',
        ],
        hi: [
          'दो सप्ताह पहले आय प्रमाण पत्र के लिए आवेदन किया था, उसकी स्थिति क्या है?',
          'लोक सेवा केंद्र में दिया आवेदन स्वीकृत हुआ या नहीं, कैसे पता करें?',
        ],
      },
    },
  ],
  FOOD: [
    {
      code: 'FOOD-RATION-INFO',
      name: {
        en: 'Ration card and eligibility slip: who is eligible and how to apply',
        hi: 'राशन कार्ड और पात्रता पर्ची: कौन पात्र है और आवेदन कैसे करें',
        sw: 'Kadi ya mgao wa chakula: nani anastahili na jinsi ya kuomba',
      },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'We are a newly married couple; how do we add my wife to our ration card?',
          'Is a Sambal card holder eligible for an eligibility slip?',
        ],
        hi: [
          'नई शादी हुई है, पत्नी का नाम राशन कार्ड में कैसे जुड़वाएं?',
          'क्या संबल कार्डधारी को पात्रता पर्ची मिल सकती है?',
        ],
      },
    },
  ],
  HEALTH: [
    {
      code: 'HEALTH-AYUSHMAN-INFO',
      name: {
        en: 'Ayushman card: eligibility and hospitals',
        hi: 'आयुष्मान कार्ड: पात्रता और अस्पताल',
        sw: 'Kadi ya Ayushman: vigezo na hospitali',
      },
      kind: 'information',
      resolutionValue: 24,
      resolutionUnit: 'working_hours',
      priority: 'normal',
      samples: {
        en: [
          'My father is 72; can he get an Ayushman card even though we pay income tax?',
          'Which private hospitals in our district accept the Ayushman card for knee surgery?',
        ],
        hi: [
          'पिताजी 72 वर्ष के हैं, क्या आयकरदाता होने पर भी उनका आयुष्मान कार्ड बनेगा?',
          'हमारे जिले के कौन से निजी अस्पताल घुटने के ऑपरेशन के लिए आयुष्मान कार्ड लेते हैं?',
        ],
      },
    },
  ],
  LABOUR: [
    {
      code: 'LABOUR-SAMBAL-INFO',
      name: {
        en: 'Sambal registration and benefits',
        hi: 'संबल पंजीयन और लाभ',
        sw: 'Usajili wa Sambal na manufaa yake',
      },
      kind: 'information',
      resolutionValue: 3,
      resolutionUnit: 'calendar_days',
      priority: 'low',
      samples: {
        en: [
          'How do I register for the Sambal card as a construction labourer?',
          'My husband died in an accident; how do we claim the Sambal assistance?',
        ],
        hi: [
          'निर्माण मजदूर के रूप में संबल कार्ड के लिए पंजीयन कैसे करें?',
          'पति की दुर्घटना में मृत्यु हो गई, संबल सहायता का दावा कैसे करें?',
        ],
      },
    },
  ],
};
