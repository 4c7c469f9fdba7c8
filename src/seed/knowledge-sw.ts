// The information desk's articles in Swahili, by article code, beside the English and Hindi in
// knowledge.ts: a Swahili reader of the demo reads the schemes in Swahili, not in English. Names of
// schemes, offices and documents that are proper names in Madhya Pradesh (Samagra, Lok Seva Kendra,
// gram panchayat) are kept as they are and explained where a reader needs it.
import type { SeedArticle } from './knowledge.ts';

type Swahili = Partial<
  Record<'title' | 'summary' | 'eligibility' | 'benefits' | 'howToApply' | 'shortAnswer', string>
> & {
  documents?: string[];
};

export const SWAHILI_ARTICLES: Record<string, Swahili> = {
  'WCD-LADLI-BEHNA': {
    title: 'Mukhyamantri Ladli Behna Yojana (mpango wa Ladli Behna)',
    summary:
      'Kiasi cha fedha kila mwezi kinacholipwa moja kwa moja kwenye akaunti ya benki ya wanawake wa Madhya Pradesh wenye umri wa miaka 21 hadi 60.',
    eligibility:
      'Mwanamke anayeishi Madhya Pradesh, mwenye umri wa miaka 21 hadi 60, aliyeolewa, mjane, aliyetalikiwa au aliyetelekezwa.\nHastahili ikiwa kipato cha familia ni zaidi ya rupia laki 2.5 kwa mwaka, mtu yeyote katika familia analipa kodi ya mapato, ni mtumishi wa serikali au mstaafu anayepokea pensheni, au familia inamiliki zaidi ya ekari 5 za ardhi au gari la magurudumu manne (trekta inaruhusiwa).',
    benefits:
      'Kiasi maalum kila mwezi (rupia 1,250 wakati wa kuandika), kinacholipwa kwa DBT kwenye akaunti yake mwenyewe ya benki iliyounganishwa na Aadhaar. Serikali hurekebisha kiasi hicho mara kwa mara.',
    howToApply:
      'Fomu hujazwa bila malipo kwenye kambi zinazofanyika katika gram panchayat au kata wakati wa usajili, kwa msaada wa mfanyakazi wa anganwadi, katibu wa panchayat au msimamizi wa kata. Kwanza kamilisha e-KYC ya kitambulisho chako cha Samagra kwa Aadhaar. Angalia hali ya ombi na malipo yako kwenye tovuti rasmi.',
    shortAnswer:
      'Wanawake wa Madhya Pradesh wenye umri wa miaka 21 hadi 60 kutoka familia zenye kipato cha chini ya laki 2.5 kwa mwaka hupata kiasi cha fedha kila mwezi kwenye akaunti yao ya benki. Omba bila malipo kwenye kambi ya panchayat au kata yako, baada ya e-KYC ya kitambulisho cha Samagra.',
    documents: [
      'Kitambulisho cha familia na cha mwanafamilia cha Samagra (e-KYC imekamilika)',
      'Kadi ya Aadhaar',
      'Namba ya simu ya mkononi',
      'Akaunti ya benki kwa jina lake mwenyewe, iliyounganishwa na Aadhaar na yenye DBT',
      'Picha ya pasipoti',
    ],
  },
  'WCD-LADLI-LAXMI': {
    title: 'Ladli Laxmi Yojana (mpango wa Ladli Laxmi)',
    summary:
      'Ufadhili wa masomo kwa msichana katika kila hatua ya shule na chuo, na kiasi cha mwisho akifikisha miaka 21, ikiwa alisajiliwa katika mwaka wake wa kwanza.',
    eligibility:
      'Msichana aliyezaliwa Madhya Pradesh tarehe 1 Januari 2006 au baadaye, ambaye wazazi wake wanaishi jimboni na hawalipi kodi ya mapato. Msajili ndani ya mwaka mmoja tangu kuzaliwa. Kwa msichana wa pili, wazazi lazima wawe wametumia uzazi wa mpango.',
    benefits:
      'Rupia 2,000 anapojiunga na darasa la 6, rupia 4,000 darasa la 9, rupia 6,000 darasa la 11 na rupia 6,000 darasa la 12; rupia 25,000 kwa elimu ya juu; na malipo ya mwisho akifikisha miaka 21 ikiwa amehitimu darasa la 12 na hakuolewa kabla ya miaka 18.',
    howToApply:
      'Omba kwenye kituo cha anganwadi, ofisi ya mradi ya Maendeleo ya Wanawake na Watoto, Lok Seva Kendra (kituo cha huduma kwa umma) au mtandaoni kwenye tovuti ya Ladli Laxmi. Cheti cha kielektroniki hutolewa msichana anaposajiliwa.',
    shortAnswer:
      'Msajili msichana aliyezaliwa Madhya Pradesh kwenye anganwadi ndani ya mwaka mmoja tangu kuzaliwa. Hupata fedha katika madarasa ya 6, 9, 11 na 12, kwa chuo, na malipo ya mwisho akifikisha miaka 21.',
    documents: [
      'Cheti cha kuzaliwa cha msichana',
      'Kitambulisho cha Samagra cha familia',
      'Kadi za Aadhaar za wazazi',
      'Picha ya msichana pamoja na wazazi wake',
      'Uthibitisho wa makazi',
      'Cheti cha uzazi wa mpango (kwa msichana wa pili)',
    ],
  },
  'SJ-KANYA-VIVAH': {
    title: 'Mukhyamantri Kanya Vivah / Nikah Yojana (msaada wa harusi)',
    summary:
      'Msaada kwa familia zenye uhitaji katika harusi ya binti kwenye harusi ya pamoja (samuhik vivah au nikah) inayoandaliwa na serikali ya mtaa.',
    eligibility:
      'Familia ya bibi harusi inaishi Madhya Pradesh na inahitaji msaada. Bibi harusi ana angalau miaka 18 na bwana harusi angalau miaka 21. Ndoa inafungwa kwenye harusi ya pamoja inayoandaliwa na janpad panchayat au halmashauri ya mji. Wajane na wanawake waliotalikiwa wanaoolewa tena pia wanastahili.',
    benefits:
      'Rupia 55,000 kwa kila wanandoa: rupia 49,000 hulipwa kwenye akaunti ya benki ya bibi harusi na rupia 6,000 kwa maandalizi ya harusi ya pamoja.',
    howToApply:
      'Omba kwa janpad panchayat (vijijini) au halmashauri ya mji (mijini) kabla ya tarehe ya harusi ya pamoja wanayotangaza. Ombi hukaguliwa na wanandoa huambiwa tarehe na mahali.',
    shortAnswer:
      'Kwa harusi ya binti kwenye harusi ya pamoja inayoandaliwa na janpad au halmashauri, serikali hutoa rupia 55,000 kwa kila wanandoa. Bibi harusi lazima awe na miaka 18 na bwana harusi miaka 21. Omba kwa janpad au halmashauri kabla ya tarehe ya harusi.',
    documents: [
      'Kitambulisho cha Samagra cha familia',
      'Kadi za Aadhaar za bibi na bwana harusi',
      'Uthibitisho wa umri wa bibi na bwana harusi',
      'Taarifa za akaunti ya benki ya bibi harusi',
      'Picha za bibi na bwana harusi',
    ],
  },
  'AGRI-PM-KISAN': {
    title: 'PM Kisan Samman Nidhi (PM-KISAN)',
    summary:
      'Rupia 6,000 kwa mwaka kwa familia za wakulima wanaomiliki ardhi ya kilimo, kwa awamu tatu kwenye akaunti yao ya benki.',
    eligibility:
      'Familia za wakulima ambao majina yao yamo kwenye kumbukumbu za ardhi kama wamiliki wa ardhi ya kilimo.\nHawastahili: taasisi zinazomiliki ardhi; familia ambazo mtu analipa kodi ya mapato, ana au alikuwa na wadhifa wa kikatiba, ni mtumishi wa serikali aliye kazini au mstaafu (isipokuwa Kundi D / wafanyakazi wa kazi mbalimbali), anapokea pensheni ya rupia 10,000 au zaidi kwa mwezi, au ni daktari, mhandisi, wakili, mhasibu aliyesajiliwa au msanifu majengo anayefanya kazi.',
    benefits:
      'Rupia 6,000 kwa mwaka kwa awamu tatu za rupia 2,000, zinazolipwa kwa DBT. Madhya Pradesh, wanufaika wa PM-KISAN pia hupokea kiasi cha mpango wa jimbo wa Mukhyamantri Kisan Kalyan Yojana.',
    howToApply:
      "Jisajili kwenye tovuti ya PM-KISAN (New Farmer Registration), kwenye Common Service Centre (kituo cha huduma), au kupitia patwari (afisa wa kumbukumbu za ardhi). Kamilisha e-KYC (OTP, alama ya kidole au uso), hakikisha taarifa za ardhi yako zimethibitishwa na akaunti yako ya benki imeunganishwa na Aadhaar, la sivyo awamu husimama. Angalia hali yako kwenye 'Know your status' kwenye tovuti.",
    shortAnswer:
      'Familia za wakulima wanaomiliki ardhi ya kilimo hupata rupia 6,000 kwa mwaka kwa awamu tatu. Jisajili kwenye tovuti ya PM-KISAN, kwenye Common Service Centre au kwa patwari, na ukamilishe e-KYC ili awamu zisisimame.',
    documents: [
      'Kadi ya Aadhaar',
      'Kumbukumbu za ardhi (khasra / B-1)',
      'Akaunti ya benki iliyounganishwa na Aadhaar',
      'Namba ya simu iliyounganishwa na Aadhaar',
    ],
  },
  'HEALTH-AYUSHMAN': {
    title: 'Ayushman Bharat Pradhan Mantri Jan Arogya Yojana (PM-JAY)',
    summary:
      'Matibabu ya bure hospitalini hadi rupia laki 5 kwa mwaka kwa kila familia katika hospitali za serikali na za binafsi zilizoorodheshwa, kwa kadi ya Ayushman.',
    eligibility:
      'Familia zilizoorodheshwa kwa vigezo vya SECC 2011, familia zenye kadi ya mgao wa chakula (hati ya ustahiki) chini ya Sheria ya Taifa ya Usalama wa Chakula Madhya Pradesh, wafanyakazi waliosajiliwa chini ya Sambal, na kila raia mwenye miaka 70 au zaidi bila kujali kipato (kadi ya Ayushman Vay Vandana).',
    benefits:
      'Matibabu bila kulipa pesa taslimu hadi rupia laki 5 kwa familia kwa mwaka kwa kulazwa hospitalini, ikijumuisha dawa, vipimo, siku 3 kabla na siku 15 baada ya kulazwa. Hakuna kikomo cha ukubwa wa familia au umri. Raia wenye miaka 70 au zaidi hupata kinga ya ziada yao wenyewe.',
    howToApply:
      'Angalia kama familia yako inastahili kwenye tovuti ya wanufaika au programu ya Ayushman kwa namba yako ya simu au kadi ya mgao. Tengeneza kadi ya Ayushman kwa e-KYC kwenye programu, kwenye Common Service Centre, gram panchayat au dawati la Ayushman la hospitali iliyoorodheshwa. Onyesha kadi hospitalini.',
    shortAnswer:
      'Familia zenye kadi ya mgao, familia kwenye orodha ya SECC, wafanyakazi wa Sambal na kila mtu mwenye miaka 70 au zaidi hupata matibabu ya bure hospitalini hadi rupia laki 5 kwa mwaka. Tengeneza kadi ya Ayushman kwa e-KYC ya Aadhaar kwenye programu, kwenye Common Service Centre au hospitalini.',
    documents: [
      'Kadi ya Aadhaar',
      'Kadi ya mgao wa chakula (hati ya ustahiki) au kitambulisho cha Samagra',
      'Namba ya simu ya mkononi',
    ],
  },
  'PRD-PMAY-G': {
    title: 'PM Awas Yojana (vijijini)',
    summary:
      'Fedha za kujenga nyumba ya kudumu kwa familia za vijijini zisizo na nyumba au zinazoishi kwenye nyumba ya udongo.',
    eligibility:
      'Familia za vijijini zisizo na nyumba au zinazoishi kwenye nyumba ya chumba kimoja au viwili yenye kuta na paa la udongo, zilizochaguliwa kutoka orodha za utafiti wa SECC 2011 / Awaas+ na kuidhinishwa na Gram Sabha (mkutano wa kijiji).\nMiongoni mwa wasiostahili: familia zenye gari la injini, mtumishi wa serikali, mlipa kodi ya mapato, au kikomo cha Kisan Credit Card cha rupia 50,000 au zaidi.',
    benefits:
      'Rupia laki 1.20 (laki 1.30 katika maeneo ya milimani na magumu) kwa awamu kadri nyumba inavyojengwa, takriban siku 90 za ujira wa MGNREGA kwa kufanya kazi kwenye nyumba yako mwenyewe, na msaada wa choo chini ya Swachh Bharat Mission.',
    howToApply:
      'Nyumba hutolewa kutoka orodha ya kudumu ya wanaosubiri ya gram panchayat; muulize katibu wa panchayat au Gram Rozgar Sahayak kama jina lako limo na liko katika nafasi gani. Familia zilizoachwa zinaweza kuomba kufanyiwa utafiti wakati utafiti wa Awaas+ uko wazi. Hakuna anayeruhusiwa kutoza pesa kwa kuidhinisha: ripoti kwa 181.',
    shortAnswer:
      'Familia za vijijini zisizo na nyumba ya kudumu zilizo kwenye orodha ya wanaosubiri ya gram panchayat hupata rupia laki 1.20 kwa awamu kujenga nyumba. Muulize katibu wa panchayat jina lako liko wapi kwenye orodha. Hakuna anayeruhusiwa kukuomba pesa kwa ajili yake.',
    documents: [
      'Kadi ya Aadhaar',
      'Kadi ya kazi ya MGNREGA',
      'Kitabu cha akaunti ya benki',
      'Kitambulisho cha Samagra',
      'Ridhaa ya kutumia Aadhaar',
    ],
  },
  'LABOUR-SAMBAL': {
    title: 'Sambal: Mukhyamantri Jan Kalyan Yojana',
    summary:
      'Msaada kwa wafanyakazi wa sekta isiyo rasmi waliosajiliwa na familia zao: msaada wa kifo au ulemavu, wakati wa kujifungua, wa mazishi na wa elimu.',
    eligibility:
      'Mkazi wa Madhya Pradesh mwenye umri wa miaka 18 hadi 60 anayefanya kazi katika sekta isiyo rasmi (vibarua, wakulima wadogo wenye chini ya hekta 1, wachuuzi wa mitaani, wafanyakazi wa ndani na wengine kama hao). Hawastahili: walipa kodi ya mapato, watumishi wa serikali, na wenye zaidi ya hekta 1 ya ardhi.',
    benefits:
      'Rupia laki 4 kwa kifo cha ajali, rupia laki 2 kwa kifo cha kawaida, rupia laki 2 kwa ulemavu kamili wa kudumu na rupia laki 1 kwa ulemavu wa sehemu; rupia 5,000 kwa mazishi; rupia 16,000 msaada wa uzazi kwa wafanyakazi wanawake; ada za watoto katika elimu ya juu chini ya mipango ya jimbo.',
    howToApply:
      'Jisajili kwenye tovuti ya Sambal kupitia gram panchayat au halmashauri ya mji, au mtandaoni mwenyewe kwa kitambulisho chako cha Samagra. Baada ya uhakiki unapata kadi ya Sambal. Madai hufanywa kwenye janpad panchayat au halmashauri ya mji ndani ya muda uliowekwa baada ya tukio.',
    shortAnswer:
      'Wafanyakazi wa sekta isiyo rasmi wenye miaka 18 hadi 60 hujisajili kwa Sambal kupitia panchayat au halmashauri ya mji kwa kitambulisho chao cha Samagra. Familia zilizosajiliwa hupata msaada wa kifo au ulemavu, mazishi, kujifungua na elimu.',
    documents: [
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Namba ya simu ya mkononi',
      'Taarifa za akaunti ya benki',
    ],
  },
  'SJ-OLD-AGE-PENSION': {
    title: 'Pensheni ya uzeeni (pensheni ya hifadhi ya jamii)',
    summary:
      'Pensheni ya kila mwezi kwa watu wenye miaka 60 au zaidi kutoka familia maskini, inayolipwa kwenye akaunti yao ya benki.',
    eligibility:
      'Mwenye miaka 60 au zaidi na kutoka familia iliyo chini ya mstari wa umaskini (Indira Gandhi National Old Age Pension), au asiye na msaada wowote (pensheni ya hifadhi ya jamii ya jimbo).',
    benefits:
      'Pensheni ya kila mwezi (rupia 600 wakati wa kuandika) inayolipwa kwa DBT kwenye akaunti ya benki.',
    howToApply:
      'Omba kwenye gram panchayat, janpad panchayat au ofisi ya kata ya halmashauri ya mji, au mtandaoni kupitia tovuti ya pensheni ya hifadhi ya jamii ya Samagra. Ombi huhakikiwa na kuidhinishwa na janpad au halmashauri ya mji.',
    shortAnswer:
      'Watu wenye miaka 60 au zaidi kutoka familia maskini hupata pensheni ya kila mwezi kwenye akaunti yao ya benki. Omba kwenye gram panchayat, janpad au ofisi ya kata ukiwa na kitambulisho cha Samagra, Aadhaar, uthibitisho wa umri na kitabu cha benki.',
    documents: [
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Uthibitisho wa umri',
      'Kadi ya BPL (chini ya mstari wa umaskini) au kadi ya mgao',
      'Kitabu cha akaunti ya benki',
      'Picha',
    ],
  },
  'SJ-WIDOW-PENSION': {
    title: 'Pensheni ya wajane (pensheni ya Kalyani)',
    summary:
      'Pensheni ya kila mwezi kwa wajane kutoka familia maskini, inayolipwa kwenye akaunti yao ya benki.',
    eligibility:
      'Mjane mwenye umri wa miaka 18 hadi 79 kutoka familia iliyo chini ya mstari wa umaskini au yenye uhitaji (Indira Gandhi National Widow Pension kuanzia miaka 40; vinginevyo pensheni ya Kalyani ya jimbo).',
    benefits:
      'Pensheni ya kila mwezi (rupia 600 wakati wa kuandika) inayolipwa kwa DBT kwenye akaunti yake ya benki.',
    howToApply:
      'Omba kwenye gram panchayat, janpad panchayat au ofisi ya kata, au mtandaoni kwenye tovuti ya pensheni ya hifadhi ya jamii kwa kitambulisho chako cha Samagra.',
    shortAnswer:
      'Wajane kutoka familia maskini hupata pensheni ya kila mwezi kwenye akaunti yao ya benki. Omba kwenye gram panchayat, janpad au ofisi ya kata ukiwa na cheti cha kifo cha mume, kitambulisho cha Samagra, Aadhaar na kitabu cha benki.',
    documents: [
      'Cheti cha kifo cha mume',
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Uthibitisho wa umri',
      'Kitabu cha akaunti ya benki',
    ],
  },
  'TRIBAL-POST-MATRIC': {
    title: 'Ufadhili wa masomo baada ya sekondari (post-matric)',
    summary:
      'Ada na posho ya kujikimu kwa wanafunzi wa Jamii za Asili zilizoorodheshwa (Scheduled Tribes) kuanzia darasa la 11 hadi chuo, huombwa mtandaoni.',
    eligibility:
      'Wanafunzi wa Jamii za Asili zilizoorodheshwa wa Madhya Pradesh wanaosoma darasa la 11, 12, chuo au kozi inayotambulika baada ya darasa la 10, ambao kipato cha wazazi wao kiko ndani ya kikomo (rupia laki 2.5 kwa mwaka wakati wa kuandika). Wanafunzi wa Scheduled Castes na OBC huomba ufadhili wao wenyewe wa post-matric kwenye tovuti hiyo hiyo.',
    benefits:
      'Ada za lazima zisizorudishwa za taasisi na posho ya kila mwezi ya kujikimu, zinazolipwa kwenye akaunti ya benki ya mwanafunzi.',
    howToApply:
      'Omba mtandaoni kwenye MP Scholarship Portal 2.0 baada ya kujiunga, ndani ya tarehe zinazotangazwa kila mwaka; taasisi hukagua na kupeleka ombi. Hakikisha akaunti ya benki iliyounganishwa na Aadhaar inatumika.',
    shortAnswer:
      'Wanafunzi wa Jamii za Asili zilizoorodheshwa kuanzia darasa la 11 ambao kipato cha familia kiko ndani ya kikomo hupata ada zao na posho ya kujikimu. Omba mtandaoni kwenye MP Scholarship Portal baada ya kujiunga; chuo hupeleka ombi.',
    documents: [
      'Cheti cha tabaka',
      'Cheti cha kipato',
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Cheti cha alama cha darasa lililopita',
      'Risiti ya kujiunga na ya ada',
      'Akaunti ya benki iliyounganishwa na Aadhaar',
    ],
  },
  'FOOD-RATION-CARD': {
    title: 'Kadi ya mgao wa chakula (hati ya ustahiki) chini ya Mfumo wa Usambazaji wa Umma',
    summary:
      'Jinsi familia inayostahili inavyopata hati yake ya ustahiki na nafaka za bure kila mwezi kwenye duka la bei nafuu.',
    eligibility:
      'Familia katika makundi yanayostahili chini ya Sheria ya Taifa ya Usalama wa Chakula Madhya Pradesh, kama familia za BPL na Antyodaya, wenye kadi ya Sambal, wapokeaji wa pensheni ya hifadhi ya jamii, watu wenye ulemavu, wafanyakazi wa ujenzi waliosajiliwa na wengine waliotangazwa na jimbo.',
    benefits:
      'Nafaka za bure kila mwezi: kilo 5 kwa kila mtu kwa kaya za kipaumbele na kilo 35 kwa familia kwa familia za Antyodaya, kwenye duka la bei nafuu, kwa alama ya kidole ya mwanafamilia yeyote.',
    howToApply:
      'Omba kwenye gram panchayat (vijijini) au ofisi ya kata (mijini) ukiwa na kitambulisho cha Samagra na uthibitisho wa kundi lako linalostahili. Baada ya uhakiki hati ya ustahiki hutolewa. Kila mwanafamilia lazima akamilishe e-KYC kwenye duka la mgao ili jina lisiondolewe.',
    shortAnswer:
      'Familia katika kundi linalostahili huomba kwenye gram panchayat au ofisi ya kata kwa kitambulisho chao cha Samagra. Kwa hati ya ustahiki hupata nafaka za bure kila mwezi, kilo 5 kwa kila mtu. Kila mwanafamilia afanye e-KYC kwenye duka la mgao.',
    documents: [
      'Kitambulisho cha familia cha Samagra',
      'Kadi ya Aadhaar ya kila mwanafamilia',
      'Uthibitisho wa kundi linalostahili (kwa mfano kadi ya BPL, kadi ya Sambal, agizo la pensheni)',
    ],
  },
  'TIRTH-DARSHAN': {
    title: 'Mukhyamantri Tirth Darshan Yojana (safari ya hija)',
    summary:
      'Safari ya hija ya bure kwa treni, na kwa ndege katika baadhi ya njia, kwa wazee wa Madhya Pradesh.',
    eligibility:
      'Wakazi wa Madhya Pradesh wenye miaka 60 au zaidi wasiolipa kodi ya mapato na wenye afya ya kusafiri. Wasafiri wenye miaka 65 au zaidi wanaweza kwenda na msaidizi mmoja. Mtu anaweza kusafiri chini ya mpango huu mara moja.',
    benefits:
      'Usafiri, chakula, malazi na usafiri wa ndani kwa safari ya kwenda mahali pa hija palipochaguliwa, vinavyolipwa na jimbo.',
    howToApply:
      'Safari kutoka wilaya yako inapotangazwa, omba kwenye gram panchayat, janpad panchayat au halmashauri ya mji. Waombaji wakiwa wengi kuliko nafasi, wasafiri huchaguliwa kwa bahati nasibu.',
    shortAnswer:
      'Wakazi wenye miaka 60 au zaidi wasiolipa kodi ya mapato wanaweza kwenda safari ya hija ya bure mara moja. Omba kwenye panchayat, janpad au halmashauri safari kutoka wilaya yako inapotangazwa; nafasi hutolewa kwa bahati nasibu.',
    documents: [
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Uthibitisho wa umri',
      'Cheti cha daktari cha uwezo wa kusafiri',
      'Picha',
    ],
  },
  'REV-CERTIFICATES': {
    title: 'Vyeti vya kipato, tabaka na makazi',
    summary:
      'Mahali pa kuomba cheti cha kipato, tabaka au makazi, cha kuleta, na muda uliowekwa chini ya Sheria ya Lok Sewa Guarantee (dhamana ya huduma kwa umma).',
    eligibility:
      'Mkazi yeyote wa Madhya Pradesh. Cheti cha tabaka kinahitaji uthibitisho kwamba familia ni ya tabaka hilo jimboni (kwa Scheduled Castes na Tribes, kumbukumbu za kabla ya 1950; kwa OBC, za kabla ya 1984).',
    benefits:
      'Cheti hutolewa ndani ya muda uliowekwa chini ya Sheria ya Lok Sewa Guarantee; risiti inaonyesha tarehe. Kikichelewa, unaweza kukata rufaa, au kupiga 181.',
    howToApply:
      'Omba kwenye Lok Seva Kendra, kibanda cha MP Online au kwenye tovuti ya MP e-District. Hifadhi risiti (pavti) yenye namba ya ombi. Cheti kinaweza kupakuliwa na kuthibitishwa mtandaoni.',
    shortAnswer:
      'Omba vyeti vya kipato, tabaka au makazi kwenye Lok Seva Kendra, kibanda cha MP Online au tovuti ya e-District ukiwa na kitambulisho cha Samagra, Aadhaar na tamko binafsi. Hifadhi risiti: inaonyesha tarehe ambayo cheti kinapaswa kuwa tayari.',
    documents: [
      'Kitambulisho cha Samagra',
      'Kadi ya Aadhaar',
      'Fomu ya tamko binafsi',
      'Uthibitisho wa makazi',
      'Kwa tabaka: kumbukumbu za zamani au cheti cha tabaka cha mwanafamilia',
      'Kwa kipato: hati ya mshahara au kumbukumbu za ardhi, kama inavyohusika',
    ],
  },
  'PRD-MGNREGA-JOB-CARD': {
    title: 'Kadi ya kazi ya MGNREGA na kazi kwa kuomba',
    summary:
      'Jinsi familia ya kijijini inavyopata kadi ya kazi na hadi siku 100 za kazi yenye malipo kwa mwaka karibu na nyumbani.',
    eligibility:
      'Kaya yoyote ya kijijini ambayo watu wazima wake wako tayari kufanya kazi za mikono zisizohitaji ujuzi.',
    benefits:
      'Hadi siku 100 za kazi kwa kaya kwa mwaka ndani ya kilomita 5 kutoka nyumbani, ujira hulipwa kwenye akaunti ya benki ndani ya siku 15, na posho ya ukosefu wa ajira ikiwa kazi haitolewi ndani ya siku 15 tangu kuomba.',
    howToApply:
      'Omba kadi ya kazi kwenye gram panchayat kwa maandishi au kwa mdomo; inapaswa kutolewa ndani ya siku 15 bila malipo. Ili kupata kazi, wasilisha ombi la kazi kwa maandishi kwenye gram panchayat na uchukue risiti yenye tarehe.',
    shortAnswer:
      'Familia yoyote ya kijijini inaweza kupata kadi ya kazi ya bure kutoka gram panchayat ndani ya siku 15 na hadi siku 100 za kazi kwa mwaka. Omba kazi kwa maandishi na uhifadhi risiti yenye tarehe; ujira huingia benki ndani ya siku 15.',
    documents: [
      'Picha za watu wazima wa familia',
      'Kadi ya Aadhaar',
      'Taarifa za akaunti ya benki au posta',
      'Kitambulisho cha Samagra',
    ],
  },
  'HELPLINE-181': {
    title: 'Jinsi ya kuwasilisha lalamiko na kulifuatilia (CM Helpline 181)',
    summary:
      'Piga 181 au tumia tovuti hii kuwasilisha lalamiko au kuomba taarifa; hifadhi namba ya kumbukumbu ili kulifuatilia.',
    eligibility:
      'Mtu yeyote anaweza kupiga simu au kuandika, kuhusu idara yoyote ya serikali ya jimbo. Unaweza pia kuwasilisha lalamiko bila kutaja jina lako.',
    benefits:
      'Kila lalamiko huenda kwa afisa anayehusika na muda maalum wa kulitatua. Lisipotatuliwa kwa wakati, hupanda kwa afisa wa ngazi ya juu moja kwa moja. Unaulizwa kama umeridhika kabla halijafungwa.',
    howToApply:
      'Piga 181 (bila malipo), au liwasilishe kwenye tovuti hii ukithibitisha namba yako ya simu au bila kuithibitisha. Andika namba ya kumbukumbu. Lifuatilie hapa kwa namba yako ya simu, au piga 181 na utaje namba ya kumbukumbu. Usiporidhika na utatuzi, sema hivyo na litafunguliwa upya.',
    shortAnswer:
      'Piga 181 au tumia tovuti hii kuwasilisha lalamiko. Hifadhi namba ya kumbukumbu; huenda kwa afisa anayehusika na muda maalum na hupanda juu likichelewa.',
    documents: ['Hakuna kinachohitajika; kuwa na namba ya ombi au risiti yoyote uliyo nayo karibu'],
  },
  'WCD-LADLI-BEHNA-NEW-ROUND': {
    title: 'Ladli Behna: usajili mpya utafunguliwa lini?',
    summary: 'Rasimu kwa mawakala: tarehe ya awamu ijayo ya usajili bado haijatangazwa.',
    shortAnswer:
      'Usajili mpya hufunguliwa tu serikali inapotangaza awamu. Tafadhali kuwa na e-KYC yako ya Samagra tayari; tarehe itatangazwa kwenye habari na kwenye panchayat yako.',
  },
};

/** The article with its Swahili added to each text and to the list of documents. */
export function withSwahili(article: SeedArticle): SeedArticle {
  const sw = SWAHILI_ARTICLES[article.code];
  if (!sw) return article;
  const add = (text: SeedArticle['title'], value: string | undefined) =>
    value === undefined ? text : { ...text, sw: value };
  return {
    ...article,
    title: add(article.title, sw.title),
    summary: add(article.summary, sw.summary),
    eligibility: add(article.eligibility, sw.eligibility),
    benefits: add(article.benefits, sw.benefits),
    howToApply: add(article.howToApply, sw.howToApply),
    shortAnswer: add(article.shortAnswer, sw.shortAnswer),
    documents: sw.documents ? { ...article.documents, sw: sw.documents } : article.documents,
  };
}
