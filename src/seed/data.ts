// Demo data for the embedded mode and `npm run seed`: a state deployment modelled on Madhya Pradesh
// (CM Helpline 181). Place names are real or plausible; departments, officer titles, categories and
// resolution times are realistic but illustrative. Static data only; seed.ts turns it into rows.
import type { I18nText } from '../db/schema.ts';

export interface SeedPlace {
  code: string;
  name: I18nText;
  /** Headquarters (state, division, district, block) or the middle of the village or ward. */
  at: [latitude: number, longitude: number];
  /** An urban body (municipal corporation): its wards are served by urban departments, not rural ones. */
  urban?: true;
  children?: SeedPlace[];
}

export interface SeedCategory {
  code: string;
  name: I18nText;
  kind: 'complaint' | 'information' | 'service';
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  fields?: { key: string; label: I18nText; required: boolean }[];
  /** Other words people use for it, per language, with Latin spellings ("bijli"): the category search. */
  keywords?: Record<string, string[]>;
  /** What a citizen would say, one or two sentences each; the first sentence becomes the subject. */
  samples: { en: string[]; hi: string[] };
}

export interface SeedDepartment {
  code: string;
  name: I18nText;
  /** Only urban bodies (municipal services) or only rural blocks (panchayats); both when absent. */
  serves?: 'urban' | 'rural';
  /** Titles at escalation levels L1..L4. */
  officerTitles: [I18nText, I18nText, I18nText, I18nText];
  categories: SeedCategory[];
}

/** Names of the place levels; index 0 is depth 1 (the state). */
export const PLACE_LEVELS: I18nText[] = [
  { en: 'State', hi: 'राज्य', sw: 'Jimbo' },
  { en: 'Division', hi: 'संभाग', sw: 'Kanda' },
  { en: 'District', hi: 'जिला', sw: 'Wilaya' },
  { en: 'Block / Urban body', hi: 'विकासखंड / नगरीय निकाय', sw: 'Tarafa / Halmashauri ya mji' },
  { en: 'Village / Ward', hi: 'ग्राम / वार्ड', sw: 'Kijiji / Mtaa' },
];

/** Names of the escalation levels; index 0 is L1. */
export const ESCALATION_LEVELS: I18nText[] = [
  { en: 'L1 Block / field officer', hi: 'L1 विकासखंड / क्षेत्रीय अधिकारी', sw: 'L1 Afisa wa tarafa / uwandani' },
  { en: 'L2 District officer', hi: 'L2 जिला अधिकारी', sw: 'L2 Afisa wa wilaya' },
  {
    en: 'L3 Divisional officer / HOD',
    hi: 'L3 संभागीय अधिकारी / विभागाध्यक्ष',
    sw: 'L3 Afisa wa kanda / Mkuu wa idara',
  },
  { en: 'L4 State secretary', hi: 'L4 राज्य स्तरीय सचिव', sw: 'L4 Katibu wa jimbo' },
];

/** State > Division > District > Block / Urban body > Village / Ward. */
export const STATE: SeedPlace = {
  code: 'MP',
  name: { en: 'Madhya Pradesh', hi: 'मध्य प्रदेश', sw: 'Madhya Pradesh' },
  at: [23.2599, 77.4126],
  children: [
    {
      code: 'MP-BPL',
      name: { en: 'Bhopal Division', hi: 'भोपाल संभाग', sw: 'Kanda ya Bhopal' },
      at: [23.2599, 77.4126],
      children: [
        {
          code: 'MP-BPL-BHO',
          name: { en: 'Bhopal', hi: 'भोपाल', sw: 'Bhopal' },
          at: [23.2599, 77.4126],
          children: [
            {
              code: 'MP-BPL-BHO-B1',
              name: {
                en: 'Bhopal Municipal Corporation',
                hi: 'नगर निगम भोपाल',
                sw: 'Halmashauri ya Jiji la Bhopal',
              },
              urban: true,
              at: [23.254, 77.402],
              children: [
                {
                  code: 'MP-BPL-BHO-B1-W1',
                  name: { en: 'Ward 2 Bairagarh', hi: 'वार्ड 2 बैरागढ़', sw: 'Kata 2 Bairagarh' },
                  at: [23.2773, 77.3366],
                },
                {
                  code: 'MP-BPL-BHO-B1-W2',
                  name: { en: 'Ward 44 Arera Colony', hi: 'वार्ड 44 अरेरा कॉलोनी', sw: 'Kata 44 Arera Colony' },
                  at: [23.2156, 77.4304],
                },
                {
                  code: 'MP-BPL-BHO-B1-W3',
                  name: { en: 'Ward 82 Kolar Road', hi: 'वार्ड 82 कोलार रोड', sw: 'Kata 82 Kolar Road' },
                  at: [23.179, 77.418],
                },
              ],
            },
            {
              code: 'MP-BPL-BHO-B2',
              name: { en: 'Phanda', hi: 'फंदा', sw: 'Phanda' },
              at: [23.23, 77.277],
              children: [
                {
                  code: 'MP-BPL-BHO-B2-V1',
                  name: { en: 'Ratibad', hi: 'रातीबड़', sw: 'Ratibad' },
                  at: [23.164, 77.334],
                },
                {
                  code: 'MP-BPL-BHO-B2-V2',
                  name: { en: 'Khajuri Sadak', hi: 'खजूरी सड़क', sw: 'Khajuri Sadak' },
                  at: [23.248, 77.283],
                },
                {
                  code: 'MP-BPL-BHO-B2-V3',
                  name: { en: 'Bilkhiriya Kalan', hi: 'बिलखिरिया कलां', sw: 'Bilkhiriya Kalan' },
                  at: [23.233, 77.505],
                },
              ],
            },
            {
              code: 'MP-BPL-BHO-B3',
              name: { en: 'Berasia', hi: 'बैरसिया', sw: 'Berasia' },
              at: [23.634, 77.433],
              children: [
                {
                  code: 'MP-BPL-BHO-B3-V1',
                  name: { en: 'Nazirabad', hi: 'नजीराबाद', sw: 'Nazirabad' },
                  at: [23.505, 77.33],
                },
                {
                  code: 'MP-BPL-BHO-B3-V2',
                  name: { en: 'Gunga', hi: 'गुनगा', sw: 'Gunga' },
                  at: [23.555, 77.51],
                },
                {
                  code: 'MP-BPL-BHO-B3-V3',
                  name: { en: 'Ramgarh', hi: 'रामगढ़', sw: 'Ramgarh' },
                  at: [23.7, 77.4],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-BPL-SEH',
          name: { en: 'Sehore', hi: 'सीहोर', sw: 'Sehore' },
          at: [23.2032, 77.0844],
          children: [
            {
              code: 'MP-BPL-SEH-B1',
              name: { en: 'Sehore', hi: 'सीहोर', sw: 'Sehore' },
              at: [23.2, 77.08],
              children: [
                {
                  code: 'MP-BPL-SEH-B1-V1',
                  name: { en: 'Bilkisganj', hi: 'बिलकिसगंज', sw: 'Bilkisganj' },
                  at: [23.15, 77.17],
                },
                {
                  code: 'MP-BPL-SEH-B1-V2',
                  name: { en: 'Shyampur', hi: 'श्यामपुर', sw: 'Shyampur' },
                  at: [23.33, 77.11],
                },
                {
                  code: 'MP-BPL-SEH-B1-V3',
                  name: { en: 'Thuna Kalan', hi: 'थूना कलां', sw: 'Thuna Kalan' },
                  at: [23.16, 77.02],
                },
              ],
            },
            {
              code: 'MP-BPL-SEH-B2',
              name: { en: 'Ashta', hi: 'आष्टा', sw: 'Ashta' },
              at: [23.018, 76.722],
              children: [
                {
                  code: 'MP-BPL-SEH-B2-V1',
                  name: { en: 'Jawar', hi: 'जावर', sw: 'Jawar' },
                  at: [23.09, 76.8],
                },
                {
                  code: 'MP-BPL-SEH-B2-V2',
                  name: { en: 'Maina', hi: 'मैना', sw: 'Maina' },
                  at: [22.95, 76.76],
                },
                {
                  code: 'MP-BPL-SEH-B2-V3',
                  name: { en: 'Kajlas', hi: 'कजलास', sw: 'Kajlas' },
                  at: [22.97, 76.65],
                },
              ],
            },
            {
              code: 'MP-BPL-SEH-B3',
              name: { en: 'Budhni', hi: 'बुधनी', sw: 'Budhni' },
              at: [22.783, 77.683],
              children: [
                {
                  code: 'MP-BPL-SEH-B3-V1',
                  name: { en: 'Shahganj', hi: 'शाहगंज', sw: 'Shahganj' },
                  at: [22.86, 77.78],
                },
                {
                  code: 'MP-BPL-SEH-B3-V2',
                  name: { en: 'Salkanpur', hi: 'सलकनपुर', sw: 'Salkanpur' },
                  at: [22.79, 77.53],
                },
                {
                  code: 'MP-BPL-SEH-B3-V3',
                  name: { en: 'Jait', hi: 'जैत', sw: 'Jait' },
                  at: [22.772, 77.625],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-BPL-RAI',
          name: { en: 'Raisen', hi: 'रायसेन', sw: 'Raisen' },
          at: [23.33, 77.78],
          children: [
            {
              code: 'MP-BPL-RAI-B1',
              name: { en: 'Sanchi', hi: 'सांची', sw: 'Sanchi' },
              at: [23.48, 77.736],
              children: [
                {
                  code: 'MP-BPL-RAI-B1-V1',
                  name: { en: 'Salamatpur', hi: 'सलामतपुर', sw: 'Salamatpur' },
                  at: [23.43, 77.63],
                },
                {
                  code: 'MP-BPL-RAI-B1-V2',
                  name: { en: 'Diwanganj', hi: 'दीवानगंज', sw: 'Diwanganj' },
                  at: [23.39, 77.59],
                },
                {
                  code: 'MP-BPL-RAI-B1-V3',
                  name: { en: 'Gulgaon', hi: 'गुलगांव', sw: 'Gulgaon' },
                  at: [23.52, 77.82],
                },
              ],
            },
            {
              code: 'MP-BPL-RAI-B2',
              name: { en: 'Obaidullaganj', hi: 'औबेदुल्लागंज', sw: 'Obaidullaganj' },
              at: [22.997, 77.586],
              children: [
                {
                  code: 'MP-BPL-RAI-B2-V1',
                  name: { en: 'Bhojpur', hi: 'भोजपुर', sw: 'Bhojpur' },
                  at: [23.0983, 77.5797],
                },
                {
                  code: 'MP-BPL-RAI-B2-V2',
                  name: { en: 'Barkheda', hi: 'बरखेड़ा', sw: 'Barkheda' },
                  at: [22.93, 77.64],
                },
                {
                  code: 'MP-BPL-RAI-B2-V3',
                  name: { en: 'Chiklod', hi: 'चिकलोद', sw: 'Chiklod' },
                  at: [23.06, 77.69],
                },
              ],
            },
            {
              code: 'MP-BPL-RAI-B3',
              name: { en: 'Begamganj', hi: 'बेगमगंज', sw: 'Begamganj' },
              at: [23.599, 78.34],
              children: [
                {
                  code: 'MP-BPL-RAI-B3-V1',
                  name: { en: 'Sultanganj', hi: 'सुल्तानगंज', sw: 'Sultanganj' },
                  at: [23.5, 78.3],
                },
                {
                  code: 'MP-BPL-RAI-B3-V2',
                  name: { en: 'Mahuakheda', hi: 'महुआखेड़ा', sw: 'Mahuakheda' },
                  at: [23.66, 78.28],
                },
                {
                  code: 'MP-BPL-RAI-B3-V3',
                  name: { en: 'Pipaliya', hi: 'पिपलिया', sw: 'Pipaliya' },
                  at: [23.56, 78.43],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'MP-IND',
      name: { en: 'Indore Division', hi: 'इंदौर संभाग', sw: 'Kanda ya Indore' },
      at: [22.7196, 75.8577],
      children: [
        {
          code: 'MP-IND-IDR',
          name: { en: 'Indore', hi: 'इंदौर', sw: 'Indore' },
          at: [22.7196, 75.8577],
          children: [
            {
              code: 'MP-IND-IDR-B1',
              name: {
                en: 'Indore Municipal Corporation',
                hi: 'नगर निगम इंदौर',
                sw: 'Halmashauri ya Jiji la Indore',
              },
              urban: true,
              at: [22.721, 75.862],
              children: [
                {
                  code: 'MP-IND-IDR-B1-W1',
                  name: { en: 'Ward 35 Vijay Nagar', hi: 'वार्ड 35 विजय नगर', sw: 'Kata 35 Vijay Nagar' },
                  at: [22.753, 75.893],
                },
                {
                  code: 'MP-IND-IDR-B1-W2',
                  name: { en: 'Ward 58 Rajwada', hi: 'वार्ड 58 राजवाड़ा', sw: 'Kata 58 Rajwada' },
                  at: [22.7185, 75.8553],
                },
                {
                  code: 'MP-IND-IDR-B1-W3',
                  name: { en: 'Ward 71 Palasia', hi: 'वार्ड 71 पलासिया', sw: 'Kata 71 Palasia' },
                  at: [22.724, 75.884],
                },
              ],
            },
            {
              code: 'MP-IND-IDR-B2',
              name: { en: 'Sanwer', hi: 'सांवेर', sw: 'Sanwer' },
              at: [22.976, 75.827],
              children: [
                {
                  code: 'MP-IND-IDR-B2-V1',
                  name: { en: 'Kshipra', hi: 'क्षिप्रा', sw: 'Kshipra' },
                  at: [22.88, 75.94],
                },
                {
                  code: 'MP-IND-IDR-B2-V2',
                  name: { en: 'Bardari', hi: 'बरदरी', sw: 'Bardari' },
                  at: [22.94, 75.78],
                },
                {
                  code: 'MP-IND-IDR-B2-V3',
                  name: { en: 'Chandrawatiganj', hi: 'चंद्रावतीगंज', sw: 'Chandrawatiganj' },
                  at: [23.03, 75.76],
                },
              ],
            },
            {
              code: 'MP-IND-IDR-B3',
              name: { en: 'Depalpur', hi: 'देपालपुर', sw: 'Depalpur' },
              at: [22.852, 75.542],
              children: [
                {
                  code: 'MP-IND-IDR-B3-V1',
                  name: { en: 'Betma', hi: 'बेटमा', sw: 'Betma' },
                  at: [22.687, 75.617],
                },
                {
                  code: 'MP-IND-IDR-B3-V2',
                  name: { en: 'Banediya', hi: 'बनेडिया', sw: 'Banediya' },
                  at: [22.88, 75.6],
                },
                {
                  code: 'MP-IND-IDR-B3-V3',
                  name: { en: 'Atahera', hi: 'अटाहेड़ा', sw: 'Atahera' },
                  at: [22.81, 75.47],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-IND-DHR',
          name: { en: 'Dhar', hi: 'धार', sw: 'Dhar' },
          at: [22.6013, 75.3025],
          children: [
            {
              code: 'MP-IND-DHR-B1',
              name: { en: 'Dhar', hi: 'धार', sw: 'Dhar' },
              at: [22.6, 75.3],
              children: [
                {
                  code: 'MP-IND-DHR-B1-V1',
                  name: { en: 'Tirla', hi: 'तिरला', sw: 'Tirla' },
                  at: [22.55, 75.2],
                },
                {
                  code: 'MP-IND-DHR-B1-V2',
                  name: { en: 'Kesur', hi: 'केसूर', sw: 'Kesur' },
                  at: [22.69, 75.36],
                },
                {
                  code: 'MP-IND-DHR-B1-V3',
                  name: { en: 'Lebad', hi: 'लेबड़', sw: 'Lebad' },
                  at: [22.66, 75.41],
                },
              ],
            },
            {
              code: 'MP-IND-DHR-B2',
              name: { en: 'Badnawar', hi: 'बदनावर', sw: 'Badnawar' },
              at: [23.021, 75.233],
              children: [
                { code: 'MP-IND-DHR-B2-V1', name: { en: 'Kod', hi: 'कोद', sw: 'Kod' }, at: [23.06, 75.16] },
                {
                  code: 'MP-IND-DHR-B2-V2',
                  name: { en: 'Kanwan', hi: 'कानवन', sw: 'Kanwan' },
                  at: [22.93, 75.27],
                },
                {
                  code: 'MP-IND-DHR-B2-V3',
                  name: { en: 'Bidwal', hi: 'बिड़वाल', sw: 'Bidwal' },
                  at: [23.07, 75.32],
                },
              ],
            },
            {
              code: 'MP-IND-DHR-B3',
              name: { en: 'Nalchha', hi: 'नालछा', sw: 'Nalchha' },
              at: [22.43, 75.43],
              children: [
                {
                  code: 'MP-IND-DHR-B3-V1',
                  name: { en: 'Mandu', hi: 'माण्डू', sw: 'Mandu' },
                  at: [22.336, 75.403],
                },
                {
                  code: 'MP-IND-DHR-B3-V2',
                  name: { en: 'Nalchha', hi: 'नालछा', sw: 'Nalchha' },
                  at: [22.438, 75.438],
                },
                {
                  code: 'MP-IND-DHR-B3-V3',
                  name: { en: 'Kalibawdi', hi: 'कालीबावड़ी', sw: 'Kalibawdi' },
                  at: [22.38, 75.35],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-IND-KHG',
          name: { en: 'Khargone', hi: 'खरगोन', sw: 'Khargone' },
          at: [21.8233, 75.6102],
          children: [
            {
              code: 'MP-IND-KHG-B1',
              name: { en: 'Khargone', hi: 'खरगोन', sw: 'Khargone' },
              at: [21.823, 75.61],
              children: [
                {
                  code: 'MP-IND-KHG-B1-V1',
                  name: { en: 'Bistan', hi: 'बिस्टान', sw: 'Bistan' },
                  at: [21.71, 75.66],
                },
                { code: 'MP-IND-KHG-B1-V2', name: { en: 'Oon', hi: 'ऊन', sw: 'Oon' }, at: [21.795, 75.47] },
                {
                  code: 'MP-IND-KHG-B1-V3',
                  name: { en: 'Bamnala', hi: 'बामनाला', sw: 'Bamnala' },
                  at: [21.88, 75.72],
                },
              ],
            },
            {
              code: 'MP-IND-KHG-B2',
              name: { en: 'Maheshwar', hi: 'महेश्वर', sw: 'Maheshwar' },
              at: [22.176, 75.587],
              children: [
                {
                  code: 'MP-IND-KHG-B2-V1',
                  name: { en: 'Karhi', hi: 'करही', sw: 'Karhi' },
                  at: [22.15, 75.48],
                },
                {
                  code: 'MP-IND-KHG-B2-V2',
                  name: { en: 'Dhargaon', hi: 'धरगांव', sw: 'Dhargaon' },
                  at: [22.23, 75.56],
                },
                { code: 'MP-IND-KHG-B2-V3', name: { en: 'Lepa', hi: 'लेपा', sw: 'Lepa' }, at: [22.2, 75.67] },
              ],
            },
            {
              code: 'MP-IND-KHG-B3',
              name: { en: 'Kasrawad', hi: 'कसरावद', sw: 'Kasrawad' },
              at: [22.124, 75.608],
              children: [
                {
                  code: 'MP-IND-KHG-B3-V1',
                  name: { en: 'Balkwada', hi: 'बलकवाड़ा', sw: 'Balkwada' },
                  at: [22.06, 75.64],
                },
                {
                  code: 'MP-IND-KHG-B3-V2',
                  name: { en: 'Nimrani', hi: 'निमरानी', sw: 'Nimrani' },
                  at: [22.1, 75.7],
                },
                {
                  code: 'MP-IND-KHG-B3-V3',
                  name: { en: 'Bakawan', hi: 'बकावां', sw: 'Bakawan' },
                  at: [22.14, 75.72],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'MP-GWL',
      name: { en: 'Gwalior Division', hi: 'ग्वालियर संभाग', sw: 'Kanda ya Gwalior' },
      at: [26.2183, 78.1828],
      children: [
        {
          code: 'MP-GWL-GWL',
          name: { en: 'Gwalior', hi: 'ग्वालियर', sw: 'Gwalior' },
          at: [26.2183, 78.1828],
          children: [
            {
              code: 'MP-GWL-GWL-B1',
              name: {
                en: 'Gwalior Municipal Corporation',
                hi: 'नगर निगम ग्वालियर',
                sw: 'Halmashauri ya Jiji la Gwalior',
              },
              urban: true,
              at: [26.21, 78.17],
              children: [
                {
                  code: 'MP-GWL-GWL-B1-W1',
                  name: { en: 'Ward 14 Thatipur', hi: 'वार्ड 14 थाटीपुर', sw: 'Kata 14 Thatipur' },
                  at: [26.215, 78.215],
                },
                {
                  code: 'MP-GWL-GWL-B1-W2',
                  name: { en: 'Ward 40 Lashkar', hi: 'वार्ड 40 लश्कर', sw: 'Kata 40 Lashkar' },
                  at: [26.195, 78.15],
                },
                {
                  code: 'MP-GWL-GWL-B1-W3',
                  name: { en: 'Ward 55 Morar', hi: 'वार्ड 55 मुरार', sw: 'Kata 55 Morar' },
                  at: [26.233, 78.225],
                },
              ],
            },
            {
              code: 'MP-GWL-GWL-B2',
              name: { en: 'Dabra', hi: 'डबरा', sw: 'Dabra' },
              at: [25.887, 78.333],
              children: [
                {
                  code: 'MP-GWL-GWL-B2-V1',
                  name: { en: 'Pichhore', hi: 'पिछोर', sw: 'Pichhore' },
                  at: [25.96, 78.4],
                },
                {
                  code: 'MP-GWL-GWL-B2-V2',
                  name: { en: 'Chinor', hi: 'चीनौर', sw: 'Chinor' },
                  at: [25.83, 78.23],
                },
                {
                  code: 'MP-GWL-GWL-B2-V3',
                  name: { en: 'Sirol', hi: 'सिरोल', sw: 'Sirol' },
                  at: [25.93, 78.29],
                },
              ],
            },
            {
              code: 'MP-GWL-GWL-B3',
              name: { en: 'Bhitarwar', hi: 'भितरवार', sw: 'Bhitarwar' },
              at: [25.792, 78.11],
              children: [
                {
                  code: 'MP-GWL-GWL-B3-V1',
                  name: { en: 'Karahiya', hi: 'करहिया', sw: 'Karahiya' },
                  at: [25.85, 78.04],
                },
                {
                  code: 'MP-GWL-GWL-B3-V2',
                  name: { en: 'Harsi', hi: 'हरसी', sw: 'Harsi' },
                  at: [25.73, 78.08],
                },
                {
                  code: 'MP-GWL-GWL-B3-V3',
                  name: { en: 'Jakhoda', hi: 'जखौदा', sw: 'Jakhoda' },
                  at: [25.76, 78.18],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-GWL-SVP',
          name: { en: 'Shivpuri', hi: 'शिवपुरी', sw: 'Shivpuri' },
          at: [25.423, 77.659],
          children: [
            {
              code: 'MP-GWL-SVP-B1',
              name: { en: 'Shivpuri', hi: 'शिवपुरी', sw: 'Shivpuri' },
              at: [25.423, 77.659],
              children: [
                {
                  code: 'MP-GWL-SVP-B1-V1',
                  name: { en: 'Surwaya', hi: 'सुरवाया', sw: 'Surwaya' },
                  at: [25.48, 77.55],
                },
                {
                  code: 'MP-GWL-SVP-B1-V2',
                  name: { en: 'Satanwada', hi: 'सतनवाड़ा', sw: 'Satanwada' },
                  at: [25.54, 77.72],
                },
                {
                  code: 'MP-GWL-SVP-B1-V3',
                  name: { en: 'Sirsod', hi: 'सिरसौद', sw: 'Sirsod' },
                  at: [25.35, 77.74],
                },
              ],
            },
            {
              code: 'MP-GWL-SVP-B2',
              name: { en: 'Karera', hi: 'करैरा', sw: 'Karera' },
              at: [25.458, 78.136],
              children: [
                {
                  code: 'MP-GWL-SVP-B2-V1',
                  name: { en: 'Dinara', hi: 'दिनारा', sw: 'Dinara' },
                  at: [25.46, 78.3],
                },
                {
                  code: 'MP-GWL-SVP-B2-V2',
                  name: { en: 'Amola', hi: 'अमोला', sw: 'Amola' },
                  at: [25.56, 78.1],
                },
                {
                  code: 'MP-GWL-SVP-B2-V3',
                  name: { en: 'Silanagar', hi: 'सिलानगर', sw: 'Silanagar' },
                  at: [25.38, 78.05],
                },
              ],
            },
            {
              code: 'MP-GWL-SVP-B3',
              name: { en: 'Kolaras', hi: 'कोलारस', sw: 'Kolaras' },
              at: [25.227, 77.611],
              children: [
                {
                  code: 'MP-GWL-SVP-B3-V1',
                  name: { en: 'Lukwasa', hi: 'लुकवासा', sw: 'Lukwasa' },
                  at: [25.13, 77.63],
                },
                {
                  code: 'MP-GWL-SVP-B3-V2',
                  name: { en: 'Rannod', hi: 'रन्नौद', sw: 'Rannod' },
                  at: [25.08, 77.87],
                },
                {
                  code: 'MP-GWL-SVP-B3-V3',
                  name: { en: 'Deharda', hi: 'देहरदा', sw: 'Deharda' },
                  at: [25.26, 77.53],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'MP-JBP',
      name: { en: 'Jabalpur Division', hi: 'जबलपुर संभाग', sw: 'Kanda ya Jabalpur' },
      at: [23.1815, 79.9864],
      children: [
        {
          code: 'MP-JBP-JBP',
          name: { en: 'Jabalpur', hi: 'जबलपुर', sw: 'Jabalpur' },
          at: [23.1815, 79.9864],
          children: [
            {
              code: 'MP-JBP-JBP-B1',
              name: {
                en: 'Jabalpur Municipal Corporation',
                hi: 'नगर निगम जबलपुर',
                sw: 'Halmashauri ya Jiji la Jabalpur',
              },
              urban: true,
              at: [23.166, 79.935],
              children: [
                {
                  code: 'MP-JBP-JBP-B1-W1',
                  name: { en: 'Ward 8 Adhartal', hi: 'वार्ड 8 अधारताल', sw: 'Kata 8 Adhartal' },
                  at: [23.2, 79.96],
                },
                {
                  code: 'MP-JBP-JBP-B1-W2',
                  name: { en: 'Ward 33 Gorakhpur', hi: 'वार्ड 33 गोरखपुर', sw: 'Kata 33 Gorakhpur' },
                  at: [23.152, 79.91],
                },
                {
                  code: 'MP-JBP-JBP-B1-W3',
                  name: { en: 'Ward 61 Ranjhi', hi: 'वार्ड 61 रांझी', sw: 'Kata 61 Ranjhi' },
                  at: [23.185, 80.01],
                },
              ],
            },
            {
              code: 'MP-JBP-JBP-B2',
              name: { en: 'Panagar', hi: 'पनागर', sw: 'Panagar' },
              at: [23.287, 79.996],
              children: [
                {
                  code: 'MP-JBP-JBP-B2-V1',
                  name: { en: 'Umariya', hi: 'उमरिया', sw: 'Umariya' },
                  at: [23.33, 80.03],
                },
                {
                  code: 'MP-JBP-JBP-B2-V2',
                  name: { en: 'Tikari', hi: 'टिकारी', sw: 'Tikari' },
                  at: [23.26, 79.92],
                },
                {
                  code: 'MP-JBP-JBP-B2-V3',
                  name: { en: 'Bilpura', hi: 'बिलपुरा', sw: 'Bilpura' },
                  at: [23.32, 79.94],
                },
              ],
            },
            {
              code: 'MP-JBP-JBP-B3',
              name: { en: 'Patan', hi: 'पाटन', sw: 'Patan' },
              at: [23.287, 79.69],
              children: [
                {
                  code: 'MP-JBP-JBP-B3-V1',
                  name: { en: 'Katangi', hi: 'कटंगी', sw: 'Katangi' },
                  at: [23.44, 79.8],
                },
                {
                  code: 'MP-JBP-JBP-B3-V2',
                  name: { en: 'Nunsar', hi: 'नुनसर', sw: 'Nunsar' },
                  at: [23.23, 79.65],
                },
                {
                  code: 'MP-JBP-JBP-B3-V3',
                  name: { en: 'Mahgawan', hi: 'महगवां', sw: 'Mahgawan' },
                  at: [23.33, 79.62],
                },
              ],
            },
          ],
        },
        {
          code: 'MP-JBP-KTN',
          name: { en: 'Katni', hi: 'कटनी', sw: 'Katni' },
          at: [23.8343, 80.3894],
          children: [
            {
              code: 'MP-JBP-KTN-B1',
              name: { en: 'Badwara', hi: 'बड़वारा', sw: 'Badwara' },
              at: [23.79, 80.58],
              children: [
                {
                  code: 'MP-JBP-KTN-B1-V1',
                  name: { en: 'Bilayatkala', hi: 'बिलायतकला', sw: 'Bilayatkala' },
                  at: [23.73, 80.65],
                },
                {
                  code: 'MP-JBP-KTN-B1-V2',
                  name: { en: 'Amehta', hi: 'अमेहटा', sw: 'Amehta' },
                  at: [23.85, 80.52],
                },
                {
                  code: 'MP-JBP-KTN-B1-V3',
                  name: { en: 'Kanhwara', hi: 'कन्हवारा', sw: 'Kanhwara' },
                  at: [23.78, 80.49],
                },
              ],
            },
            {
              code: 'MP-JBP-KTN-B2',
              name: { en: 'Vijayraghavgarh', hi: 'विजयराघवगढ़', sw: 'Vijayraghavgarh' },
              at: [23.995, 80.605],
              children: [
                {
                  code: 'MP-JBP-KTN-B2-V1',
                  name: { en: 'Barhi', hi: 'बरही', sw: 'Barhi' },
                  at: [23.96, 80.74],
                },
                {
                  code: 'MP-JBP-KTN-B2-V2',
                  name: { en: 'Kaimor', hi: 'कैमोर', sw: 'Kaimor' },
                  at: [24.05, 80.57],
                },
                {
                  code: 'MP-JBP-KTN-B2-V3',
                  name: { en: 'Khirhani', hi: 'खिरहनी', sw: 'Khirhani' },
                  at: [24.0, 80.5],
                },
              ],
            },
            {
              code: 'MP-JBP-KTN-B3',
              name: { en: 'Bahoriband', hi: 'बहोरीबंद', sw: 'Bahoriband' },
              at: [23.67, 80.06],
              children: [
                {
                  code: 'MP-JBP-KTN-B3-V1',
                  name: { en: 'Sleemanabad', hi: 'स्लीमनाबाद', sw: 'Sleemanabad' },
                  at: [23.63, 80.14],
                },
                {
                  code: 'MP-JBP-KTN-B3-V2',
                  name: { en: 'Rupaund', hi: 'रूपौंद', sw: 'Rupaund' },
                  at: [23.75, 80.05],
                },
                { code: 'MP-JBP-KTN-B3-V3', name: { en: 'Kuan', hi: 'कुआं', sw: 'Kuan' }, at: [23.6, 80.02] },
              ],
            },
          ],
        },
      ],
    },
  ],
};

// Field labels used by more than one category.
const SAMAGRA_ID = {
  key: 'samagra_id',
  label: { en: 'Samagra ID', hi: 'समग्र आईडी', sw: 'Namba ya Samagra' },
  required: false,
};
const APPLICATION_NUMBER = {
  key: 'application_number',
  label: { en: 'Application number', hi: 'आवेदन क्रमांक', sw: 'Namba ya ombi' },
  required: false,
};

export const DEPARTMENTS: SeedDepartment[] = [
  {
    code: 'REV',
    name: { en: 'Revenue', hi: 'राजस्व', sw: 'Mapato na Ardhi' },
    officerTitles: [
      { en: 'Tehsildar', hi: 'तहसीलदार', sw: 'Afisa Ardhi wa Tarafa (Tehsildar)' },
      { en: 'Collector', hi: 'कलेक्टर', sw: 'Mkuu wa Wilaya (Collector)' },
      { en: 'Divisional Commissioner', hi: 'संभागायुक्त', sw: 'Kamishna wa Kanda' },
      { en: 'Principal Secretary (Revenue)', hi: 'प्रमुख सचिव (राजस्व)', sw: 'Katibu Mkuu (Mapato)' },
    ],
    categories: [
      {
        code: 'REV-MUTATION',
        name: {
          en: 'Land mutation (namantaran) pending',
          hi: 'भूमि नामांतरण लंबित',
          sw: 'Uhamisho wa umiliki wa ardhi (namantaran) haujafanyika',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [
          {
            key: 'khasra_number',
            label: { en: 'Khasra number', hi: 'खसरा क्रमांक', sw: 'Namba ya khasra (kiwanja)' },
            required: false,
          },
        ],
        samples: {
          en: [
            'I bought agricultural land six months ago but the Tehsil office has still not done the namantaran.',
            'My father passed away last year and the land has not yet been transferred to our names in the records.',
          ],
          hi: [
            'मैंने छह महीने पहले कृषि भूमि खरीदी थी, लेकिन तहसील कार्यालय ने अभी तक नामांतरण नहीं किया है।',
            'पिताजी के देहांत को एक साल हो गया, फिर भी भू-अभिलेख में हमारे नाम पर नामांतरण नहीं हुआ है।',
          ],
        },
      },
      {
        code: 'REV-DEMARCATION',
        name: {
          en: 'Land demarcation (seemankan) not done',
          hi: 'भूमि सीमांकन नहीं हुआ',
          sw: 'Upimaji wa mipaka ya ardhi (seemankan) haujafanyika',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'I applied for demarcation of my field two months ago but the Patwari has not come to measure it.',
            'The neighbour has shifted the boundary of my field; please get the demarcation done by the Revenue Inspector.',
          ],
          hi: [
            'मैंने दो महीने पहले खेत के सीमांकन के लिए आवेदन किया था, लेकिन पटवारी नाप करने नहीं आए।',
            'पड़ोसी ने मेरे खेत की मेड़ खिसका दी है, राजस्व निरीक्षक से सीमांकन कराया जाए।',
          ],
        },
      },
      {
        code: 'REV-CERTIFICATE',
        name: {
          en: 'Income / caste / domicile certificate delayed',
          hi: 'आय / जाति / मूल निवासी प्रमाण पत्र में देरी',
          sw: 'Cheti cha kipato / tabaka / makazi kimechelewa',
        },
        kind: 'service',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [APPLICATION_NUMBER],
        samples: {
          en: [
            'My caste certificate application at the Lok Seva Kendra is pending for a month; my son needs it for admission.',
            'The income certificate has not been issued even after the time limit under the Lok Sewa Guarantee Act.',
          ],
          hi: [
            'लोक सेवा केंद्र में जाति प्रमाण पत्र का आवेदन एक महीने से लंबित है, बेटे के प्रवेश के लिए जरूरी है।',
            'लोक सेवा गारंटी की समय सीमा निकल जाने के बाद भी आय प्रमाण पत्र जारी नहीं हुआ।',
          ],
        },
      },
      {
        code: 'REV-ENCROACHMENT',
        name: {
          en: 'Encroachment on government land or public path',
          hi: 'शासकीय भूमि या आम रास्ते पर अतिक्रमण',
          sw: 'Uvamizi wa ardhi ya serikali au njia ya umma',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'Some people have encroached on the village grazing land (charnoi) and are building houses on it.',
            "The common path to our fields has been blocked by a neighbour's wall; we cannot take the tractor out.",
          ],
          hi: [
            'गाँव की चरनोई भूमि पर कुछ लोगों ने अतिक्रमण कर मकान बनाना शुरू कर दिया है।',
            'पड़ोसी ने दीवार बनाकर खेत जाने का आम रास्ता बंद कर दिया है, ट्रैक्टर नहीं निकल पा रहा।',
          ],
        },
      },
    ],
  },
  {
    code: 'PRD',
    name: {
      en: 'Panchayat & Rural Development',
      hi: 'पंचायत एवं ग्रामीण विकास',
      sw: 'Serikali za Vijiji na Maendeleo Vijijini',
    },
    serves: 'rural',
    officerTitles: [
      {
        en: 'CEO, Janpad Panchayat',
        hi: 'मुख्य कार्यपालन अधिकारी, जनपद पंचायत',
        sw: 'Afisa Mtendaji Mkuu, Janpad Panchayat',
      },
      {
        en: 'CEO, Zila Panchayat',
        hi: 'मुख्य कार्यपालन अधिकारी, जिला पंचायत',
        sw: 'Afisa Mtendaji Mkuu, Zila Panchayat',
      },
      {
        en: 'Joint Commissioner (Development)',
        hi: 'संयुक्त आयुक्त (विकास)',
        sw: 'Kamishna Mshiriki (Maendeleo)',
      },
      {
        en: 'Additional Chief Secretary (PRD)',
        hi: 'अपर मुख्य सचिव (पंचायत एवं ग्रामीण विकास)',
        sw: 'Katibu Mkuu Mwandamizi (Panchayat na Maendeleo Vijijini)',
      },
    ],
    categories: [
      {
        code: 'PRD-MGNREGA-WAGES',
        name: {
          en: 'MGNREGA wages not paid',
          hi: 'मनरेगा मजदूरी का भुगतान नहीं',
          sw: 'Ujira wa MGNREGA haujalipwa',
        },
        keywords: {
          en: ['nrega', 'job card', 'wages'],
          hi: ['मनरेगा', 'मजदूरी', 'nrega', 'mazdoori'],
          sw: ['ujira', 'kazi'],
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        fields: [
          {
            key: 'job_card_number',
            label: { en: 'Job card number', hi: 'जॉब कार्ड क्रमांक', sw: 'Namba ya kadi ya kazi' },
            required: true,
          },
        ],
        samples: {
          en: [
            'We worked on the pond deepening work under MGNREGA last month but wages have not come into our accounts.',
            'The rozgar sahayak is not giving us work even though we have job cards.',
          ],
          hi: [
            'पिछले महीने मनरेगा में तालाब गहरीकरण का काम किया, लेकिन मजदूरी अभी तक खाते में नहीं आई।',
            'जॉब कार्ड होने के बावजूद रोजगार सहायक हमें काम नहीं दे रहे हैं।',
          ],
        },
      },
      {
        code: 'PRD-PMAY-G',
        name: {
          en: 'PM Awas (Gramin) instalment not received',
          hi: 'प्रधानमंत्री आवास (ग्रामीण) की किस्त नहीं मिली',
          sw: 'Awamu ya PM Awas (vijijini) haijapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'My house under PM Awas Yojana is built up to the lintel but the second instalment has not been released.',
            'My name is in the PM Awas list but the Gram Panchayat secretary is asking for money to sanction it.',
          ],
          hi: [
            'प्रधानमंत्री आवास योजना में मेरा मकान छत तक बन गया है, लेकिन दूसरी किस्त जारी नहीं हुई।',
            'आवास सूची में मेरा नाम है, लेकिन पंचायत सचिव स्वीकृति के लिए पैसे मांग रहे हैं।',
          ],
        },
      },
      {
        code: 'PRD-VILLAGE-SANITATION',
        name: {
          en: 'Village drains and sanitation',
          hi: 'गाँव में नाली और साफ-सफाई',
          sw: 'Mitaro na usafi wa kijiji',
        },
        keywords: {
          en: ['drain', 'toilet', 'nali'],
          hi: ['नाली', 'शौचालय', 'सफाई', 'nali'],
          sw: ['choo', 'mtaro', 'usafi'],
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The drains in our village have not been cleaned for months and dirty water is collecting on the road.',
            'The community toilet built under Swachh Bharat Mission is locked and has no water.',
          ],
          hi: [
            'हमारे गाँव की नालियाँ महीनों से साफ नहीं हुईं, गंदा पानी सड़क पर भर रहा है।',
            'स्वच्छ भारत मिशन में बना सामुदायिक शौचालय बंद पड़ा है और उसमें पानी नहीं है।',
          ],
        },
      },
      {
        code: 'PRD-SCHEME-INFO',
        name: {
          en: 'Information on rural development schemes',
          hi: 'ग्रामीण विकास योजनाओं की जानकारी',
          sw: 'Taarifa kuhusu mipango ya maendeleo vijijini',
        },
        kind: 'information',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'low',
        samples: {
          en: [
            'How can I apply for a house under PM Awas Yojana Gramin?',
            'Which documents are needed to get a new MGNREGA job card?',
          ],
          hi: [
            'प्रधानमंत्री आवास योजना ग्रामीण में आवेदन कैसे करें?',
            'नया मनरेगा जॉब कार्ड बनवाने के लिए कौन से दस्तावेज़ चाहिए?',
          ],
        },
      },
    ],
  },
  {
    code: 'UDH',
    name: { en: 'Urban Development & Housing', hi: 'नगरीय विकास एवं आवास', sw: 'Maendeleo ya Miji na Makazi' },
    serves: 'urban',
    officerTitles: [
      {
        en: 'Zonal Officer (Urban Body)',
        hi: 'ज़ोनल अधिकारी (नगरीय निकाय)',
        sw: 'Afisa wa Kanda (Halmashauri ya Mji)',
      },
      { en: 'Municipal Commissioner', hi: 'आयुक्त, नगर निगम', sw: 'Kamishna wa Manispaa' },
      {
        en: 'Joint Director (Urban Administration)',
        hi: 'संयुक्त संचालक (नगरीय प्रशासन)',
        sw: 'Mkurugenzi Mshiriki (Utawala wa Miji)',
      },
      {
        en: 'Principal Secretary (UDH)',
        hi: 'प्रमुख सचिव (नगरीय विकास एवं आवास)',
        sw: 'Katibu Mkuu (Maendeleo ya Miji na Makazi)',
      },
    ],
    categories: [
      {
        code: 'UDH-GARBAGE',
        name: { en: 'Garbage not collected', hi: 'कचरा नहीं उठाया गया', sw: 'Taka hazijakusanywa' },
        keywords: {
          en: ['rubbish', 'waste', 'trash', 'kachra'],
          hi: ['कचरा', 'कूड़ा', 'kachra', 'safai'],
          sw: ['takataka', 'uchafu'],
        },
        kind: 'complaint',
        resolutionValue: 48,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'The garbage collection vehicle has not come to our colony for four days.',
            'A heap of garbage is lying near the school gate and stray animals are spreading it on the road.',
          ],
          hi: [
            'हमारी कॉलोनी में चार दिन से कचरा गाड़ी नहीं आई है।',
            'स्कूल के गेट के पास कचरे का ढेर लगा है, आवारा पशु उसे सड़क पर फैला रहे हैं।',
          ],
        },
      },
      {
        code: 'UDH-STREETLIGHT',
        name: { en: 'Street light not working', hi: 'स्ट्रीट लाइट बंद', sw: 'Taa ya barabarani haifanyi kazi' },
        keywords: {
          en: ['street light', 'lamp'],
          hi: ['स्ट्रीट लाइट', 'बत्ती', 'street light'],
          sw: ['taa', 'giza barabarani'],
        },
        kind: 'complaint',
        resolutionValue: 72,
        resolutionUnit: 'working_hours',
        priority: 'normal',
        fields: [
          {
            key: 'pole_number',
            label: { en: 'Pole number', hi: 'खंभा क्रमांक', sw: 'Namba ya nguzo' },
            required: false,
          },
        ],
        samples: {
          en: [
            'The street lights in our lane have been off for a week and it is unsafe for women at night.',
            'The street light near the temple stays on all day and wastes electricity.',
          ],
          hi: [
            'हमारी गली की स्ट्रीट लाइटें एक हफ्ते से बंद हैं, रात में महिलाओं के लिए असुरक्षित है।',
            'मंदिर के पास वाली स्ट्रीट लाइट दिन भर जलती रहती है, बिजली बर्बाद हो रही है।',
          ],
        },
      },
      {
        code: 'UDH-SEWER',
        name: {
          en: 'Sewer blocked or overflowing',
          hi: 'सीवर जाम या ओवरफ्लो',
          sw: 'Mfereji wa maji taka umeziba au unafurika',
        },
        keywords: {
          en: ['drain', 'gutter', 'sewage', 'nali'],
          hi: ['नाली', 'सीवर', 'गटर', 'nali'],
          sw: ['maji taka', 'mtaro'],
        },
        kind: 'complaint',
        resolutionValue: 48,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'The sewer line in front of our house is blocked and dirty water is entering the houses.',
            'A manhole cover on the main road is broken and open; someone may fall in.',
          ],
          hi: [
            'घर के सामने की सीवर लाइन जाम है, गंदा पानी घरों में घुस रहा है।',
            'मुख्य सड़क पर मैनहोल का ढक्कन टूटा हुआ है, कोई गिर सकता है।',
          ],
        },
      },
      {
        code: 'UDH-BUILDING-PERMISSION',
        name: {
          en: 'Building permission delayed',
          hi: 'भवन अनुज्ञा में देरी',
          sw: 'Kibali cha ujenzi kimechelewa',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [APPLICATION_NUMBER],
        samples: {
          en: [
            'I applied online for building permission 45 days ago and it is still pending with the municipal corporation.',
            'The building permission file was returned twice for a document that I had already uploaded.',
          ],
          hi: [
            'मैंने 45 दिन पहले भवन अनुज्ञा के लिए ऑनलाइन आवेदन किया था, नगर निगम में अभी तक लंबित है।',
            'जो दस्तावेज़ मैंने पहले ही अपलोड किया था, उसी के लिए भवन अनुज्ञा की फाइल दो बार लौटा दी गई।',
          ],
        },
      },
    ],
  },
  {
    code: 'ENERGY',
    name: {
      en: 'Energy (Electricity Distribution)',
      hi: 'ऊर्जा (विद्युत वितरण)',
      sw: 'Nishati (Usambazaji wa Umeme)',
    },
    officerTitles: [
      { en: 'Junior Engineer', hi: 'कनिष्ठ यंत्री', sw: 'Mhandisi Mdogo' },
      { en: 'Executive Engineer', hi: 'कार्यपालन यंत्री', sw: 'Mhandisi Mtendaji' },
      { en: 'Superintending Engineer', hi: 'अधीक्षण यंत्री', sw: 'Mhandisi Msimamizi' },
      {
        en: 'Managing Director (Discom)',
        hi: 'प्रबंध संचालक (विद्युत वितरण कंपनी)',
        sw: 'Mkurugenzi Mtendaji (Kampuni ya Usambazaji Umeme)',
      },
    ],
    categories: [
      {
        code: 'ENERGY-NO-SUPPLY',
        name: { en: 'No electricity supply', hi: 'बिजली आपूर्ति बंद', sw: 'Hakuna umeme' },
        keywords: {
          en: ['power cut', 'electricity', 'light', 'transformer'],
          hi: ['बिजली', 'लाइट', 'ट्रांसफार्मर', 'bijli', 'light nahi'],
          sw: ['umeme', 'stima', 'giza'],
        },
        kind: 'complaint',
        resolutionValue: 24,
        resolutionUnit: 'working_hours',
        priority: 'urgent',
        fields: [
          {
            key: 'consumer_number',
            label: { en: 'Consumer number', hi: 'उपभोक्ता क्रमांक', sw: 'Namba ya mteja' },
            required: false,
          },
        ],
        samples: {
          en: [
            'No electricity in our village for the last three days; the transformer burnt.',
            'Power has been cut in our colony since last night and the lineman is not picking up the phone.',
            'Only single-phase supply comes to the village, so the water pump does not run.',
          ],
          hi: [
            'हमारे गाँव में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया है।',
            'कल रात से हमारी कॉलोनी की बिजली बंद है और लाइनमैन फोन नहीं उठा रहे।',
            'गाँव में केवल सिंगल फेज बिजली आती है, इसलिए पानी की मोटर नहीं चलती।',
          ],
        },
      },
      {
        code: 'ENERGY-EXCESS-BILL',
        name: {
          en: 'Excess or wrong electricity bill',
          hi: 'अधिक या गलत बिजली बिल',
          sw: 'Bili ya umeme ni kubwa mno au si sahihi',
        },
        keywords: {
          en: ['electricity bill', 'meter'],
          hi: ['बिजली बिल', 'मीटर', 'bijli bill'],
          sw: ['bili ya umeme', 'mita'],
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [
          {
            key: 'consumer_number',
            label: { en: 'Consumer number', hi: 'उपभोक्ता क्रमांक', sw: 'Namba ya mteja' },
            required: true,
          },
        ],
        samples: {
          en: [
            'My electricity bill came to Rs 8,400 this month though I usually pay around Rs 600.',
            'The meter reader did not take a reading and the bill has been made on average units.',
          ],
          hi: [
            'इस महीने मेरा बिजली बिल 8,400 रुपये आया है, जबकि हर महीने लगभग 600 रुपये आता है।',
            'मीटर रीडर ने रीडिंग नहीं ली और औसत यूनिट पर बिल बना दिया गया।',
          ],
        },
      },
      {
        code: 'ENERGY-LINE-HAZARD',
        name: {
          en: 'Loose wires or leaning pole (safety hazard)',
          hi: 'झूलते तार या झुका खंभा (खतरा)',
          sw: 'Nyaya zilizolegea au nguzo iliyoinama (hatari)',
        },
        keywords: {
          en: ['wire', 'pole', 'current'],
          hi: ['तार', 'खंभा', 'करंट', 'bijli ka taar'],
          sw: ['nyaya', 'nguzo'],
        },
        kind: 'complaint',
        resolutionValue: 48,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'High-tension wires are hanging very low over the school playground.',
            'An electric pole near our house is leaning badly after the storm and may fall.',
          ],
          hi: [
            'स्कूल के मैदान के ऊपर हाई टेंशन के तार बहुत नीचे झूल रहे हैं।',
            'आंधी के बाद हमारे घर के पास बिजली का खंभा बुरी तरह झुक गया है, कभी भी गिर सकता है।',
          ],
        },
      },
      {
        code: 'ENERGY-NEW-CONNECTION',
        name: {
          en: 'New connection not given',
          hi: 'नया बिजली कनेक्शन नहीं मिला',
          sw: 'Muunganisho mpya wa umeme haujatolewa',
        },
        keywords: {
          en: ['new meter', 'connection'],
          hi: ['नया कनेक्शन', 'bijli connection'],
          sw: ['kuunganishiwa umeme'],
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [APPLICATION_NUMBER],
        samples: {
          en: [
            'I paid the fee for a new domestic connection a month ago but the meter has not been installed.',
            'Sowing has started but my application for a temporary connection for the farm pump is still pending.',
          ],
          hi: [
            'नए घरेलू कनेक्शन की फीस एक महीने पहले जमा की, लेकिन अभी तक मीटर नहीं लगा।',
            'बोवनी शुरू हो गई है, पर खेत के पंप के अस्थायी कनेक्शन का आवेदन अभी भी लंबित है।',
          ],
        },
      },
    ],
  },
  {
    code: 'PHE',
    name: {
      en: 'Public Health Engineering (Drinking Water)',
      hi: 'लोक स्वास्थ्य यांत्रिकी (पेयजल)',
      sw: 'Uhandisi wa Afya ya Umma (Maji ya Kunywa)',
    },
    officerTitles: [
      { en: 'Sub-Engineer', hi: 'उपयंत्री', sw: 'Mhandisi Msaidizi' },
      { en: 'Executive Engineer', hi: 'कार्यपालन यंत्री', sw: 'Mhandisi Mtendaji' },
      { en: 'Superintending Engineer', hi: 'अधीक्षण यंत्री', sw: 'Mhandisi Msimamizi' },
      {
        en: 'Engineer-in-Chief (PHE)',
        hi: 'प्रमुख अभियंता (लोक स्वास्थ्य यांत्रिकी)',
        sw: 'Mhandisi Mkuu (Maji ya Kunywa)',
      },
    ],
    categories: [
      {
        code: 'PHE-WATER-SUPPLY',
        name: {
          en: 'Drinking water supply disrupted',
          hi: 'पेयजल आपूर्ति बाधित',
          sw: 'Usambazaji wa maji ya kunywa umekatika',
        },
        keywords: {
          en: ['water', 'no water', 'tap'],
          hi: ['पानी', 'जल', 'paani', 'pani', 'नल'],
          sw: ['maji', 'bomba'],
        },
        kind: 'complaint',
        resolutionValue: 48,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'There has been no water in the taps of our village for a week because the nal-jal pump motor is burnt.',
            'Water comes for only ten minutes every two days in our mohalla.',
          ],
          hi: [
            'नल-जल योजना की मोटर जल जाने से एक हफ्ते से गाँव के नलों में पानी नहीं आ रहा।',
            'हमारे मोहल्ले में दो दिन में सिर्फ दस मिनट पानी आता है।',
          ],
        },
      },
      {
        code: 'PHE-HANDPUMP',
        name: { en: 'Hand pump not working', hi: 'हैंडपंप खराब', sw: 'Pampu ya mkono haifanyi kazi' },
        keywords: {
          en: ['handpump', 'hand pump', 'tubewell', 'borewell'],
          hi: ['हैंडपंप', 'नल', 'ट्यूबवेल', 'handpump', 'nal'],
          sw: ['pampu', 'kisima'],
        },
        kind: 'complaint',
        resolutionValue: 72,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'The only hand pump in our tola has been broken for ten days; women walk two kilometres for water.',
            'The hand pump near the school gives muddy water and its handle is broken.',
          ],
          hi: [
            'हमारे टोले का इकलौता हैंडपंप दस दिन से खराब है, महिलाएँ दो किलोमीटर दूर से पानी लाती हैं।',
            'स्कूल के पास का हैंडपंप मटमैला पानी दे रहा है और उसका हत्था टूट गया है।',
          ],
        },
      },
      {
        code: 'PHE-CONTAMINATED-WATER',
        name: { en: 'Contaminated drinking water', hi: 'दूषित पेयजल', sw: 'Maji ya kunywa yamechafuka' },
        keywords: {
          en: ['dirty water', 'muddy water'],
          hi: ['गंदा पानी', 'दूषित पानी', 'ganda paani'],
          sw: ['maji machafu'],
        },
        kind: 'complaint',
        resolutionValue: 24,
        resolutionUnit: 'working_hours',
        priority: 'urgent',
        samples: {
          en: [
            'Dirty, smelly water is coming in the tap supply and several children in the lane have diarrhoea.',
            'The supply pipeline is leaking next to the drain and sewage is mixing with the water.',
          ],
          hi: [
            'नल में गंदा और बदबूदार पानी आ रहा है, गली के कई बच्चों को दस्त हो गए हैं।',
            'पाइपलाइन नाली के पास से लीक हो रही है और पानी में गंदगी मिल रही है।',
          ],
        },
      },
      {
        code: 'PHE-JJM-TAP',
        name: {
          en: 'Household tap connection (Jal Jeevan Mission) not provided',
          hi: 'घरेलू नल कनेक्शन (जल जीवन मिशन) नहीं मिला',
          sw: 'Bomba la maji la nyumbani (Jal Jeevan Mission) halijaunganishwa',
        },
        keywords: {
          en: ['tap connection', 'nal jal'],
          hi: ['नल कनेक्शन', 'nal jal', 'हर घर जल'],
          sw: ['bomba la nyumbani'],
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The Jal Jeevan Mission pipeline was laid in our village but ten houses in our street got no tap connection.',
            'The contractor dug up the village road for the pipeline and left it unrepaired.',
          ],
          hi: [
            'गाँव में जल जीवन मिशन की पाइपलाइन बिछ गई, पर हमारी गली के दस घरों में नल कनेक्शन नहीं दिया गया।',
            'ठेकेदार ने पाइपलाइन के लिए गाँव की सड़क खोद दी और उसे ठीक नहीं किया।',
          ],
        },
      },
    ],
  },
  {
    code: 'HEALTH',
    name: {
      en: 'Public Health & Family Welfare',
      hi: 'लोक स्वास्थ्य एवं परिवार कल्याण',
      sw: 'Afya ya Umma na Ustawi wa Familia',
    },
    officerTitles: [
      { en: 'Block Medical Officer', hi: 'खंड चिकित्सा अधिकारी', sw: 'Afisa Tabibu wa Tarafa' },
      {
        en: 'Chief Medical & Health Officer',
        hi: 'मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी',
        sw: 'Afisa Mkuu wa Tiba na Afya',
      },
      {
        en: 'Regional Joint Director (Health)',
        hi: 'क्षेत्रीय संयुक्त संचालक (स्वास्थ्य)',
        sw: 'Mkurugenzi Mshiriki wa Kanda (Afya)',
      },
      { en: 'Commissioner (Health)', hi: 'आयुक्त (स्वास्थ्य)', sw: 'Kamishna (Afya)' },
    ],
    categories: [
      {
        code: 'HEALTH-AMBULANCE',
        name: {
          en: 'Ambulance (108) or Janani Express did not arrive',
          hi: 'एम्बुलेंस (108) या जननी एक्सप्रेस नहीं पहुँची',
          sw: 'Gari la wagonjwa (108) au Janani Express halikufika',
        },
        keywords: { en: ['ambulance', '108'], hi: ['एम्बुलेंस', '108', 'ambulance'], sw: ['gari la wagonjwa'] },
        kind: 'complaint',
        resolutionValue: 24,
        resolutionUnit: 'working_hours',
        priority: 'urgent',
        samples: {
          en: [
            'We called 108 for my pregnant wife but the ambulance did not come for three hours.',
            'The Janani Express driver asked for money to take the mother back home after delivery.',
          ],
          hi: [
            'गर्भवती पत्नी के लिए 108 पर फोन किया, लेकिन तीन घंटे तक एम्बुलेंस नहीं आई।',
            'प्रसव के बाद माँ को घर छोड़ने के लिए जननी एक्सप्रेस के ड्राइवर ने पैसे मांगे।',
          ],
        },
      },
      {
        code: 'HEALTH-HOSPITAL-SERVICE',
        name: {
          en: 'Doctor absent or medicines unavailable',
          hi: 'डॉक्टर अनुपस्थित या दवाइयाँ उपलब्ध नहीं',
          sw: 'Daktari hayupo au dawa hazipatikani',
        },
        keywords: {
          en: ['hospital', 'doctor', 'medicine'],
          hi: ['अस्पताल', 'डॉक्टर', 'दवा', 'aspatal', 'dawai'],
          sw: ['hospitali', 'daktari', 'dawa'],
        },
        kind: 'complaint',
        resolutionValue: 72,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'The doctor at the primary health centre has not come for a week and only the ward boy is there.',
            'The district hospital pharmacy says free medicines are out of stock and tells us to buy them outside.',
          ],
          hi: [
            'प्राथमिक स्वास्थ्य केंद्र में एक हफ्ते से डॉक्टर नहीं आए, सिर्फ वार्ड बॉय रहता है।',
            'जिला अस्पताल की दवा खिड़की पर कहते हैं कि मुफ्त दवाइयाँ खत्म हैं, बाहर से खरीदो।',
          ],
        },
      },
      {
        code: 'HEALTH-AYUSHMAN',
        name: {
          en: 'Ayushman card or cashless treatment refused',
          hi: 'आयुष्मान कार्ड या निःशुल्क इलाज से इनकार',
          sw: 'Kadi ya Ayushman au matibabu bila malipo yamekataliwa',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        fields: [
          {
            key: 'ayushman_card_number',
            label: { en: 'Ayushman card number', hi: 'आयुष्मान कार्ड क्रमांक', sw: 'Namba ya kadi ya Ayushman' },
            required: false,
          },
        ],
        samples: {
          en: [
            'The empanelled private hospital refused to treat my mother on the Ayushman card and asked for a cash deposit.',
            'My Ayushman card is not being made because my name is spelled differently in the Samagra ID.',
          ],
          hi: [
            'अनुबंधित निजी अस्पताल ने आयुष्मान कार्ड पर माँ का इलाज करने से मना कर दिया और नकद जमा करने को कहा।',
            'समग्र आईडी में नाम की वर्तनी अलग होने से मेरा आयुष्मान कार्ड नहीं बन रहा है।',
          ],
        },
      },
      {
        code: 'HEALTH-JSY',
        name: {
          en: 'Janani Suraksha payment not received',
          hi: 'जननी सुरक्षा योजना की राशि नहीं मिली',
          sw: 'Malipo ya Janani Suraksha hayajapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'My wife delivered at the government hospital three months ago but the Janani Suraksha amount has not come.',
            'The ASHA worker says the Janani Suraksha money will come only if we give her a share.',
          ],
          hi: [
            'पत्नी की डिलीवरी तीन महीने पहले सरकारी अस्पताल में हुई, लेकिन जननी सुरक्षा की राशि नहीं आई।',
            'आशा कार्यकर्ता कहती है कि हिस्सा देने पर ही जननी सुरक्षा का पैसा आएगा।',
          ],
        },
      },
    ],
  },
  {
    code: 'SCHOOL',
    name: { en: 'School Education', hi: 'स्कूल शिक्षा', sw: 'Elimu ya Shule' },
    officerTitles: [
      { en: 'Block Education Officer', hi: 'विकासखंड शिक्षा अधिकारी', sw: 'Afisa Elimu wa Tarafa' },
      { en: 'District Education Officer', hi: 'जिला शिक्षा अधिकारी', sw: 'Afisa Elimu wa Wilaya' },
      {
        en: 'Joint Director (Public Instruction)',
        hi: 'संयुक्त संचालक (लोक शिक्षण)',
        sw: 'Mkurugenzi Mshiriki (Elimu ya Umma)',
      },
      { en: 'Commissioner (Public Instruction)', hi: 'आयुक्त (लोक शिक्षण)', sw: 'Kamishna (Elimu ya Umma)' },
    ],
    categories: [
      {
        code: 'SCHOOL-TEACHER-ABSENT',
        name: { en: 'Teacher absent from school', hi: 'शिक्षक स्कूल से अनुपस्थित', sw: 'Mwalimu hayupo shuleni' },
        keywords: {
          en: ['teacher', 'school'],
          hi: ['शिक्षक', 'मास्टर', 'स्कूल', 'masterji'],
          sw: ['mwalimu', 'shule'],
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The teacher of the primary school in our village comes only once or twice a week.',
            'The school opens late and closes by noon; children are sent home early.',
          ],
          hi: [
            'हमारे गाँव के प्राथमिक स्कूल के शिक्षक हफ्ते में एक-दो दिन ही आते हैं।',
            'स्कूल देर से खुलता है और दोपहर तक बंद हो जाता है, बच्चों को जल्दी घर भेज देते हैं।',
          ],
        },
      },
      {
        code: 'SCHOOL-MID-DAY-MEAL',
        name: {
          en: 'Mid-day meal not served or of poor quality',
          hi: 'मध्याह्न भोजन नहीं मिल रहा या खराब गुणवत्ता',
          sw: 'Chakula cha mchana shuleni hakitolewi au ni duni',
        },
        kind: 'complaint',
        resolutionValue: 72,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'Mid-day meal has not been served at the middle school for a week.',
            'Children found insects in the dal served in the mid-day meal today.',
          ],
          hi: ['माध्यमिक शाला में एक हफ्ते से मध्याह्न भोजन नहीं बना है।', 'आज मध्याह्न भोजन की दाल में बच्चों को कीड़े मिले।'],
        },
      },
      {
        code: 'SCHOOL-FREE-ENTITLEMENTS',
        name: {
          en: 'Free books, uniform or bicycle not received',
          hi: 'निःशुल्क पुस्तकें, गणवेश या साइकिल नहीं मिली',
          sw: 'Vitabu, sare au baiskeli za bure hazijapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'It is October and the children in class 6 still have not received their free textbooks.',
            'My daughter in class 9 has not got the free bicycle though her classmates have.',
          ],
          hi: [
            'अक्टूबर आ गया, फिर भी कक्षा 6 के बच्चों को निःशुल्क पाठ्यपुस्तकें नहीं मिलीं।',
            'कक्षा 9 में पढ़ने वाली मेरी बेटी को निःशुल्क साइकिल नहीं मिली, जबकि सहपाठियों को मिल गई।',
          ],
        },
      },
    ],
  },
  {
    code: 'FOOD',
    name: {
      en: 'Food, Civil Supplies & Consumer Protection',
      hi: 'खाद्य, नागरिक आपूर्ति एवं उपभोक्ता संरक्षण',
      sw: 'Chakula, Usambazaji na Kumlinda Mlaji',
    },
    officerTitles: [
      { en: 'Junior Supply Officer', hi: 'कनिष्ठ आपूर्ति अधिकारी', sw: 'Afisa Mdogo wa Ugavi' },
      { en: 'District Supply Controller', hi: 'जिला आपूर्ति नियंत्रक', sw: 'Msimamizi wa Ugavi wa Wilaya' },
      { en: 'Joint Commissioner (Food)', hi: 'संयुक्त आयुक्त (खाद्य)', sw: 'Kamishna Mshiriki (Chakula)' },
      {
        en: 'Commissioner (Food & Civil Supplies)',
        hi: 'आयुक्त (खाद्य एवं नागरिक आपूर्ति)',
        sw: 'Kamishna (Chakula na Ugavi)',
      },
    ],
    categories: [
      {
        code: 'FOOD-RATION-CARD',
        name: {
          en: 'Ration card / eligibility slip not issued',
          hi: 'राशन कार्ड / पात्रता पर्ची नहीं बनी',
          sw: 'Kadi ya mgao wa chakula / hati ya ustahiki haijatolewa',
        },
        keywords: {
          en: ['ration card', 'eligibility slip'],
          hi: ['राशन कार्ड', 'पात्रता पर्ची', 'ration card'],
          sw: ['kadi ya mgao'],
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            "I applied for an eligibility slip (patrata parchi) three months ago but my family's name is not added yet.",
            "My wife's name has not been added to our ration card after marriage.",
          ],
          hi: [
            'तीन महीने पहले पात्रता पर्ची के लिए आवेदन किया था, परिवार का नाम अभी तक नहीं जुड़ा।',
            'शादी के बाद पत्नी का नाम हमारे राशन कार्ड में नहीं जोड़ा गया।',
          ],
        },
      },
      {
        code: 'FOOD-RATION-NOT-GIVEN',
        name: {
          en: 'Ration not given at fair price shop',
          hi: 'उचित मूल्य दुकान से राशन नहीं मिला',
          sw: 'Mgao wa chakula haukutolewa kwenye duka la bei nafuu',
        },
        keywords: {
          en: ['ration', 'pds', 'kotedar'],
          hi: ['राशन', 'अनाज', 'गेहूं', 'ration', 'rashan'],
          sw: ['mgao', 'chakula', 'unga'],
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        fields: [
          {
            key: 'ration_card_number',
            label: { en: 'Ration card number', hi: 'राशन कार्ड क्रमांक', sw: 'Namba ya kadi ya mgao' },
            required: true,
          },
        ],
        samples: {
          en: [
            'The ration shop dealer did not give us wheat and rice this month, saying the stock has not come.',
            'My thumbprint is not matching on the POS machine so the dealer refuses to give ration.',
          ],
          hi: [
            'राशन दुकान वाले ने इस महीने गेहूँ और चावल नहीं दिया, कहता है माल नहीं आया।',
            'पीओएस मशीन पर अंगूठा नहीं लग रहा, इसलिए विक्रेता राशन देने से मना कर रहा है।',
          ],
        },
      },
      {
        code: 'FOOD-SHOP-IRREGULARITY',
        name: {
          en: 'Fair price shop irregularities',
          hi: 'उचित मूल्य दुकान में अनियमितता',
          sw: 'Ukiukaji wa taratibu kwenye duka la bei nafuu',
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The ration shop opens only two days a month and the dealer gives 30 kg instead of 35 kg.',
            'The dealer takes our thumbprint but gives the ration later or not at all.',
          ],
          hi: [
            'राशन दुकान महीने में सिर्फ दो दिन खुलती है और विक्रेता 35 किलो की जगह 30 किलो देता है।',
            'विक्रेता अंगूठा तो लगवा लेता है, पर राशन बाद में देता है या देता ही नहीं।',
          ],
        },
      },
      {
        code: 'FOOD-OVERCHARGING',
        name: {
          en: 'Overcharging above MRP or short weight',
          hi: 'एमआरपी से अधिक वसूली या कम तौल',
          sw: 'Kutoza zaidi ya bei elekezi au kupunja uzito',
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'low',
        samples: {
          en: [
            'The shop at the bus stand charges Rs 25 for a water bottle with an MRP of Rs 20.',
            'The gas agency delivery man takes Rs 50 extra for every LPG cylinder.',
          ],
          hi: [
            'बस स्टैंड की दुकान पर 20 रुपये एमआरपी की पानी की बोतल 25 रुपये में बेची जा रही है।',
            'गैस एजेंसी का डिलीवरी वाला हर सिलेंडर पर 50 रुपये ज्यादा लेता है।',
          ],
        },
      },
    ],
  },
  {
    code: 'HOME',
    name: { en: 'Home (Police)', hi: 'गृह (पुलिस)', sw: 'Mambo ya Ndani (Polisi)' },
    officerTitles: [
      { en: 'Station House Officer', hi: 'थाना प्रभारी', sw: 'Mkuu wa Kituo cha Polisi' },
      { en: 'Superintendent of Police', hi: 'पुलिस अधीक्षक', sw: 'Mrakibu wa Polisi' },
      {
        en: 'Inspector General of Police (Zone)',
        hi: 'पुलिस महानिरीक्षक (जोन)',
        sw: 'Mkaguzi Mkuu wa Polisi (Kanda)',
      },
      {
        en: 'Additional Chief Secretary (Home)',
        hi: 'अपर मुख्य सचिव (गृह)',
        sw: 'Katibu Mkuu Mwandamizi (Mambo ya Ndani)',
      },
    ],
    categories: [
      {
        code: 'HOME-FIR-NOT-REGISTERED',
        name: {
          en: 'FIR not registered',
          hi: 'एफआईआर दर्ज नहीं की गई',
          sw: 'Taarifa ya kosa (FIR) haijasajiliwa',
        },
        keywords: {
          en: ['police', 'fir', 'thana'],
          hi: ['पुलिस', 'थाना', 'रिपोर्ट', 'thana'],
          sw: ['polisi', 'kituo cha polisi'],
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'My motorcycle was stolen from the market but the police station is not registering the FIR.',
            'Neighbours beat me up over a land dispute and the police only wrote a non-cognisable report.',
          ],
          hi: [
            'बाज़ार से मेरी मोटरसाइकिल चोरी हो गई, लेकिन थाने में एफआईआर दर्ज नहीं कर रहे।',
            'ज़मीन के विवाद में पड़ोसियों ने मारपीट की, पुलिस ने सिर्फ असंज्ञेय रिपोर्ट लिखी।',
          ],
        },
      },
      {
        code: 'HOME-WOMEN-SAFETY',
        name: {
          en: 'Harassment of women or girls',
          hi: 'महिलाओं या बालिकाओं से छेड़छाड़',
          sw: 'Unyanyasaji wa wanawake au wasichana',
        },
        kind: 'complaint',
        resolutionValue: 24,
        resolutionUnit: 'working_hours',
        priority: 'urgent',
        samples: {
          en: [
            "Some boys stand near the girls' school every day and pass comments at the students.",
            'A man keeps calling my daughter and threatening her; please take action urgently.',
          ],
          hi: [
            'कुछ लड़के रोज़ कन्या शाला के पास खड़े होकर छात्राओं पर फब्तियाँ कसते हैं।',
            'एक व्यक्ति मेरी बेटी को बार-बार फोन करके धमका रहा है, कृपया तुरंत कार्रवाई करें।',
          ],
        },
      },
      {
        code: 'HOME-NUISANCE',
        name: {
          en: 'Illegal liquor, gambling or public nuisance',
          hi: 'अवैध शराब, जुआ या सार्वजनिक उपद्रव',
          sw: 'Pombe haramu, kamari au kero kwa umma',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'Illegal liquor is being sold openly near the village temple and drunk men fight every evening.',
            'A gambling den runs every night behind the bus stand.',
          ],
          hi: [
            'गाँव के मंदिर के पास खुलेआम अवैध शराब बिक रही है, रोज़ शाम को शराबी झगड़ा करते हैं।',
            'बस स्टैंड के पीछे हर रात जुए का अड्डा चलता है।',
          ],
        },
      },
      {
        code: 'HOME-VERIFICATION',
        name: {
          en: 'Police verification delayed',
          hi: 'पुलिस सत्यापन में देरी',
          sw: 'Uhakiki wa polisi umechelewa',
        },
        kind: 'service',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'My character verification for a job has been pending at the police station for three weeks.',
            'My passport police verification has not been done; the constable keeps calling me to the station.',
          ],
          hi: [
            'नौकरी के लिए मेरा चरित्र सत्यापन तीन हफ्ते से थाने में लंबित है।',
            'पासपोर्ट का पुलिस सत्यापन नहीं हुआ, सिपाही बार-बार थाने बुलाते हैं।',
          ],
        },
      },
    ],
  },
  {
    code: 'SJ',
    name: {
      en: 'Social Justice & Disability Welfare',
      hi: 'सामाजिक न्याय एवं दिव्यांगजन कल्याण',
      sw: 'Haki za Kijamii na Ustawi wa Watu wenye Ulemavu',
    },
    officerTitles: [
      {
        en: 'Social Security Officer (Janpad)',
        hi: 'सामाजिक सुरक्षा अधिकारी (जनपद)',
        sw: 'Afisa wa Hifadhi ya Jamii (Janpad)',
      },
      {
        en: 'Deputy Director (Social Justice)',
        hi: 'उप संचालक (सामाजिक न्याय)',
        sw: 'Naibu Mkurugenzi (Haki ya Jamii)',
      },
      {
        en: 'Joint Director (Social Justice)',
        hi: 'संयुक्त संचालक (सामाजिक न्याय)',
        sw: 'Mkurugenzi Mshiriki (Haki ya Jamii)',
      },
      {
        en: 'Commissioner (Social Justice)',
        hi: 'आयुक्त (सामाजिक न्याय एवं दिव्यांगजन कल्याण)',
        sw: 'Kamishna (Haki ya Jamii)',
      },
    ],
    categories: [
      {
        code: 'SJ-PENSION-NOT-RECEIVED',
        name: { en: 'Pension not received', hi: 'पेंशन नहीं मिली', sw: 'Pensheni haijapokelewa' },
        keywords: {
          en: ['pension', 'old age'],
          hi: ['पेंशन', 'वृद्धावस्था', 'pension'],
          sw: ['pensheni', 'wazee'],
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            "My mother's old age pension has not come into her bank account for the last three months.",
            'My widow pension stopped after my account was moved to a new bank.',
            'The panchayat secretary says my disability pension is stopped because e-KYC is pending, but nobody does it.',
          ],
          hi: [
            'मेरी माँ की वृद्धावस्था पेंशन तीन महीने से बैंक खाते में नहीं आई।',
            'बैंक खाता बदलने के बाद से मेरी विधवा पेंशन बंद हो गई है।',
            'पंचायत सचिव कहते हैं ई-केवाईसी बाकी होने से दिव्यांग पेंशन बंद है, पर कोई ई-केवाईसी नहीं करता।',
          ],
        },
      },
      {
        code: 'SJ-PENSION-NEW',
        name: {
          en: 'New social security pension not sanctioned',
          hi: 'नई सामाजिक सुरक्षा पेंशन स्वीकृत नहीं',
          sw: 'Pensheni mpya ya hifadhi ya jamii haijaidhinishwa',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'My father is 68 and has a BPL card but his old age pension has not been sanctioned for six months.',
            'I am 80 percent disabled and applied for disability pension at the Janpad, but nothing has happened.',
          ],
          hi: [
            'पिताजी 68 वर्ष के हैं और बीपीएल कार्ड है, फिर भी छह महीने से वृद्धावस्था पेंशन स्वीकृत नहीं हुई।',
            'मैं 80 प्रतिशत दिव्यांग हूँ, जनपद में दिव्यांग पेंशन का आवेदन दिया था, कुछ नहीं हुआ।',
          ],
        },
      },
      {
        code: 'SJ-DISABILITY-AID',
        name: {
          en: 'Disability certificate (UDID) or assistive device',
          hi: 'दिव्यांग प्रमाण पत्र (यूडीआईडी) या सहायक उपकरण',
          sw: 'Cheti cha ulemavu (UDID) au kifaa saidizi',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The medical board examined my son two months ago but the UDID card has not been issued.',
            'I need a tricycle; I applied at the assessment camp but have not received it.',
          ],
          hi: [
            'मेडिकल बोर्ड ने दो महीने पहले बेटे की जाँच की, लेकिन यूडीआईडी कार्ड जारी नहीं हुआ।',
            'मुझे ट्राइसाइकिल चाहिए, शिविर में आवेदन किया था पर अभी तक नहीं मिली।',
          ],
        },
      },
    ],
  },
  {
    code: 'WCD',
    name: {
      en: 'Women & Child Development',
      hi: 'महिला एवं बाल विकास',
      sw: 'Maendeleo ya Wanawake na Watoto',
    },
    officerTitles: [
      {
        en: 'Child Development Project Officer',
        hi: 'परियोजना अधिकारी (एकीकृत बाल विकास)',
        sw: 'Afisa wa Mradi wa Maendeleo ya Watoto',
      },
      { en: 'District Programme Officer', hi: 'जिला कार्यक्रम अधिकारी', sw: 'Afisa Programu wa Wilaya' },
      {
        en: 'Joint Director (WCD)',
        hi: 'संयुक्त संचालक (महिला एवं बाल विकास)',
        sw: 'Mkurugenzi Mshiriki (Wanawake na Watoto)',
      },
      { en: 'Commissioner (WCD)', hi: 'आयुक्त (महिला एवं बाल विकास)', sw: 'Kamishna (Wanawake na Watoto)' },
    ],
    categories: [
      {
        code: 'WCD-LADLI-BEHNA',
        name: {
          en: 'Ladli Behna Yojana amount not received',
          hi: 'लाड़ली बहना योजना की राशि नहीं मिली',
          sw: 'Malipo ya Ladli Behna Yojana hayajapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'The Ladli Behna amount stopped coming into my account two months ago.',
            'My Ladli Behna payment shows as failed because my bank account is not linked to Aadhaar.',
          ],
          hi: [
            'दो महीने से मेरे खाते में लाड़ली बहना की राशि आना बंद हो गई है।',
            'खाता आधार से लिंक न होने के कारण लाड़ली बहना का भुगतान असफल दिखा रहा है।',
          ],
        },
      },
      {
        code: 'WCD-ANGANWADI',
        name: {
          en: 'Anganwadi closed or nutrition not given',
          hi: 'आंगनवाड़ी बंद या पोषण आहार नहीं मिला',
          sw: 'Kituo cha Anganwadi kimefungwa au lishe haijatolewa',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'The anganwadi in our village opens irregularly and children are not getting the nutritious meal.',
            'Take-home ration for pregnant women has not been given for two months.',
          ],
          hi: [
            'हमारे गाँव की आंगनवाड़ी कभी-कभी ही खुलती है, बच्चों को पोषण आहार नहीं मिल रहा।',
            'गर्भवती महिलाओं को दो महीने से टेक होम राशन नहीं दिया गया।',
          ],
        },
      },
      {
        code: 'WCD-LADLI-LAXMI',
        name: {
          en: 'Ladli Laxmi registration or benefit pending',
          hi: 'लाड़ली लक्ष्मी पंजीयन या लाभ लंबित',
          sw: 'Usajili au manufaa ya Ladli Laxmi yamechelewa',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'My daughter was born eight months ago and her Ladli Laxmi registration is still pending at the project office.',
            'My daughter has taken admission in class 6 but the Ladli Laxmi instalment has not come.',
          ],
          hi: [
            'बेटी आठ महीने पहले पैदा हुई, लेकिन उसका लाड़ली लक्ष्मी पंजीयन परियोजना कार्यालय में अभी भी लंबित है।',
            'बेटी ने कक्षा 6 में प्रवेश ले लिया है, पर लाड़ली लक्ष्मी की किस्त नहीं आई।',
          ],
        },
      },
    ],
  },
  {
    code: 'AGRI',
    name: {
      en: 'Farmer Welfare & Agriculture Development',
      hi: 'किसान कल्याण तथा कृषि विकास',
      sw: 'Ustawi wa Wakulima na Maendeleo ya Kilimo',
    },
    officerTitles: [
      {
        en: 'Senior Agriculture Development Officer',
        hi: 'वरिष्ठ कृषि विकास अधिकारी',
        sw: 'Afisa Mwandamizi wa Maendeleo ya Kilimo',
      },
      { en: 'Deputy Director (Agriculture)', hi: 'उप संचालक (कृषि)', sw: 'Naibu Mkurugenzi (Kilimo)' },
      { en: 'Joint Director (Agriculture)', hi: 'संयुक्त संचालक (कृषि)', sw: 'Mkurugenzi Mshiriki (Kilimo)' },
      {
        en: 'Director (Farmer Welfare & Agriculture)',
        hi: 'संचालक (किसान कल्याण तथा कृषि विकास)',
        sw: 'Mkurugenzi (Ustawi wa Wakulima na Kilimo)',
      },
    ],
    categories: [
      {
        code: 'AGRI-FERTILISER-SEED',
        name: {
          en: 'Shortage or black-marketing of fertiliser or seed',
          hi: 'खाद या बीज की कमी या कालाबाज़ारी',
          sw: 'Uhaba au ulanguzi wa mbolea au mbegu',
        },
        keywords: {
          en: ['fertiliser', 'urea', 'dap', 'seed'],
          hi: ['खाद', 'यूरिया', 'बीज', 'khad', 'urea'],
          sw: ['mbolea', 'mbegu'],
        },
        kind: 'complaint',
        resolutionValue: 72,
        resolutionUnit: 'working_hours',
        priority: 'high',
        samples: {
          en: [
            'No urea is available at the society and private shops are selling it at Rs 100 above the fixed price.',
            'The soybean seed bought from the authorised dealer did not germinate.',
          ],
          hi: [
            'सोसाइटी में यूरिया नहीं है और निजी दुकानें तय कीमत से 100 रुपये ज्यादा में बेच रही हैं।',
            'अधिकृत विक्रेता से खरीदा गया सोयाबीन का बीज अंकुरित नहीं हुआ।',
          ],
        },
      },
      {
        code: 'AGRI-PM-KISAN',
        name: {
          en: 'PM Kisan / CM Kisan Kalyan instalment not received',
          hi: 'पीएम किसान / मुख्यमंत्री किसान कल्याण की किस्त नहीं मिली',
          sw: 'Awamu ya PM Kisan / CM Kisan Kalyan haijapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'I have not received the last two PM Kisan instalments though my e-KYC is done.',
            'My name was removed from the Kisan Kalyan Yojana list without any reason.',
          ],
          hi: [
            'ई-केवाईसी होने के बाद भी मुझे पीएम किसान की पिछली दो किस्तें नहीं मिलीं।',
            'बिना किसी कारण के किसान कल्याण योजना की सूची से मेरा नाम हटा दिया गया।',
          ],
        },
      },
      {
        code: 'AGRI-CROP-INSURANCE',
        name: {
          en: 'Crop insurance claim not paid',
          hi: 'फसल बीमा दावा राशि नहीं मिली',
          sw: 'Dai la bima ya mazao halijalipwa',
        },
        kind: 'complaint',
        resolutionValue: 45,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'My soybean crop was destroyed by heavy rain but the crop insurance claim has not been paid.',
            'The premium was deducted from my KCC account but my name is not in the list of insured farmers.',
          ],
          hi: [
            'अतिवृष्टि से मेरी सोयाबीन की फसल खराब हो गई, लेकिन फसल बीमा की राशि नहीं मिली।',
            'केसीसी खाते से प्रीमियम कट गया, पर बीमित किसानों की सूची में मेरा नाम नहीं है।',
          ],
        },
      },
      {
        code: 'AGRI-SCHEME-INFO',
        name: {
          en: 'Information on agriculture subsidy schemes',
          hi: 'कृषि अनुदान योजनाओं की जानकारी',
          sw: 'Taarifa kuhusu mipango ya ruzuku ya kilimo',
        },
        kind: 'information',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'low',
        samples: {
          en: [
            'How can I get a subsidy on a sprinkler set and where do I apply?',
            'When will the soil testing camp for soil health cards be held in our area?',
          ],
          hi: [
            'स्प्रिंकलर सेट पर अनुदान कैसे मिलेगा और आवेदन कहाँ करें?',
            'हमारे क्षेत्र में मृदा स्वास्थ्य कार्ड के लिए मिट्टी परीक्षण शिविर कब लगेगा?',
          ],
        },
      },
    ],
  },
  {
    code: 'PWD',
    name: {
      en: 'Public Works (Roads & Bridges)',
      hi: 'लोक निर्माण (सड़क एवं पुल)',
      sw: 'Ujenzi (Barabara na Madaraja)',
    },
    officerTitles: [
      { en: 'Sub-Engineer', hi: 'उपयंत्री', sw: 'Mhandisi Msaidizi' },
      { en: 'Executive Engineer', hi: 'कार्यपालन यंत्री', sw: 'Mhandisi Mtendaji' },
      { en: 'Chief Engineer (Zone)', hi: 'मुख्य अभियंता (परिक्षेत्र)', sw: 'Mhandisi Mkuu (Kanda)' },
      {
        en: 'Engineer-in-Chief (PWD)',
        hi: 'प्रमुख अभियंता (लोक निर्माण)',
        sw: 'Mhandisi Mkuu Kiongozi (Ujenzi)',
      },
    ],
    categories: [
      {
        code: 'PWD-ROAD-REPAIR',
        name: {
          en: 'Road damaged or full of potholes',
          hi: 'सड़क क्षतिग्रस्त या गड्ढों से भरी',
          sw: 'Barabara imeharibika au ina mashimo mengi',
        },
        keywords: {
          en: ['pothole', 'road', 'sadak'],
          hi: ['सड़क', 'गड्ढे', 'sadak', 'gaddha'],
          sw: ['barabara', 'shimo'],
        },
        kind: 'complaint',
        resolutionValue: 45,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The road from our village to the tehsil headquarters is full of potholes and buses have stopped coming.',
            'The state highway near the market has large potholes and two-wheelers are skidding.',
          ],
          hi: [
            'गाँव से तहसील मुख्यालय तक की सड़क गड्ढों से भर गई है, बसें आना बंद हो गईं।',
            'बाज़ार के पास राजमार्ग पर बड़े गड्ढे हैं, दोपहिया वाहन फिसल रहे हैं।',
          ],
        },
      },
      {
        code: 'PWD-BRIDGE-DAMAGE',
        name: {
          en: 'Culvert or bridge damaged',
          hi: 'पुलिया या पुल क्षतिग्रस्त',
          sw: 'Kalavati au daraja limeharibika',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'The culvert on the village road was washed away in the rain and the village is cut off.',
            'The railing of the bridge over the river is broken; it is dangerous for children.',
          ],
          hi: [
            'बारिश में गाँव की सड़क की पुलिया बह गई, गाँव का संपर्क कट गया है।',
            'नदी पर बने पुल की रेलिंग टूट गई है, बच्चों के लिए खतरनाक है।',
          ],
        },
      },
      {
        code: 'PWD-POOR-CONSTRUCTION',
        name: { en: 'Poor quality construction', hi: 'घटिया निर्माण कार्य', sw: 'Ujenzi wa kiwango duni' },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The new road built only four months ago has already broken up; poor material was used.',
            'The contractor is laying tar on wet gravel without rolling it properly.',
          ],
          hi: [
            'चार महीने पहले बनी नई सड़क अभी से उखड़ गई, घटिया सामग्री लगाई गई है।',
            'ठेकेदार गीली गिट्टी पर बिना ठीक से रोलर चलाए डामर बिछा रहा है।',
          ],
        },
      },
    ],
  },
  {
    code: 'FOREST',
    name: { en: 'Forest', hi: 'वन', sw: 'Misitu' },
    officerTitles: [
      { en: 'Range Officer', hi: 'वन परिक्षेत्र अधिकारी', sw: 'Afisa Misitu wa Eneo' },
      { en: 'Divisional Forest Officer', hi: 'वनमंडलाधिकारी', sw: 'Afisa Misitu wa Kitengo' },
      { en: 'Chief Conservator of Forests', hi: 'मुख्य वन संरक्षक', sw: 'Mhifadhi Mkuu wa Misitu' },
      {
        en: 'Principal Chief Conservator of Forests',
        hi: 'प्रधान मुख्य वन संरक्षक',
        sw: 'Mhifadhi Mkuu Kiongozi wa Misitu',
      },
    ],
    categories: [
      {
        code: 'FOREST-WILD-ANIMAL',
        name: {
          en: 'Wild animal entering the village',
          hi: 'गाँव में जंगली जानवर',
          sw: 'Mnyama pori anaingia kijijini',
        },
        keywords: {
          en: ['leopard', 'tiger', 'wild boar', 'nilgai'],
          hi: ['तेंदुआ', 'बाघ', 'जंगली जानवर', 'nilgai'],
          sw: ['chui', 'nguruwe pori', 'wanyama pori'],
        },
        kind: 'complaint',
        resolutionValue: 24,
        resolutionUnit: 'working_hours',
        priority: 'urgent',
        samples: {
          en: [
            'A leopard has been seen near our village for two nights and has killed a goat.',
            'A herd of wild boars comes into the fields every night; please send the forest team.',
          ],
          hi: [
            'दो रातों से गाँव के पास तेंदुआ दिख रहा है, उसने एक बकरी मार दी है।',
            'जंगली सूअरों का झुंड हर रात खेतों में घुस आता है, कृपया वन अमले को भेजें।',
          ],
        },
      },
      {
        code: 'FOREST-WILDLIFE-COMPENSATION',
        name: {
          en: 'Compensation for loss caused by wild animals',
          hi: 'वन्य प्राणी से हुई हानि का मुआवज़ा',
          sw: 'Fidia ya hasara iliyosababishwa na wanyama pori',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'My cow was killed by a tiger three months ago and the compensation has not been paid.',
            'A wild elephant damaged my house last month; the panchnama was made but no compensation came.',
          ],
          hi: [
            'तीन महीने पहले बाघ ने मेरी गाय मार दी, मुआवज़ा अभी तक नहीं मिला।',
            'पिछले महीने जंगली हाथी ने मेरा घर तोड़ दिया, पंचनामा बना पर मुआवज़ा नहीं आया।',
          ],
        },
      },
      {
        code: 'FOREST-ILLEGAL-FELLING',
        name: {
          en: 'Illegal tree felling or mining in forest',
          hi: 'वन में अवैध कटाई या उत्खनन',
          sw: 'Ukataji miti haramu au uchimbaji madini msituni',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'Teak trees are being cut at night in the forest near our village and taken away in tractors.',
            'Sand is being illegally mined from the river inside the forest area.',
          ],
          hi: [
            'हमारे गाँव के पास जंगल में रात में सागौन के पेड़ काटकर ट्रैक्टरों में ले जाए जा रहे हैं।',
            'वन क्षेत्र के अंदर नदी से अवैध रूप से रेत निकाली जा रही है।',
          ],
        },
      },
      {
        code: 'FOREST-TENDU-PAYMENT',
        name: {
          en: 'Tendu leaf wages or bonus not paid',
          hi: 'तेंदूपत्ता पारिश्रमिक या बोनस नहीं मिला',
          sw: 'Ujira au bonasi ya majani ya tendu haijalipwa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'We collected tendu leaves this season but the payment has not come into our accounts.',
            "Last year's tendu leaf bonus has not been distributed in our samiti.",
          ],
          hi: [
            'इस सीजन में हमने तेंदूपत्ता तोड़ा, लेकिन भुगतान खाते में नहीं आया।',
            'हमारी समिति में पिछले साल का तेंदूपत्ता बोनस नहीं बाँटा गया।',
          ],
        },
      },
    ],
  },
  {
    code: 'LABOUR',
    name: { en: 'Labour', hi: 'श्रम', sw: 'Kazi' },
    officerTitles: [
      { en: 'Labour Inspector', hi: 'श्रम निरीक्षक', sw: 'Mkaguzi wa Kazi' },
      { en: 'District Labour Officer', hi: 'जिला श्रम पदाधिकारी', sw: 'Afisa Kazi wa Wilaya' },
      { en: 'Deputy Labour Commissioner', hi: 'उप श्रमायुक्त', sw: 'Naibu Kamishna wa Kazi' },
      { en: 'Labour Commissioner', hi: 'श्रमायुक्त', sw: 'Kamishna wa Kazi' },
    ],
    categories: [
      {
        code: 'LABOUR-WAGES-UNPAID',
        name: {
          en: 'Wages not paid by employer',
          hi: 'नियोक्ता द्वारा मजदूरी का भुगतान नहीं',
          sw: 'Mwajiri hajalipa ujira',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The factory owner has not paid our wages for two months and now says the work is closed.',
            'The contractor pays less than the minimum wage and does not give a wage slip.',
          ],
          hi: [
            'फैक्ट्री मालिक ने दो महीने की मजदूरी नहीं दी और अब कहता है काम बंद है।',
            'ठेकेदार न्यूनतम मजदूरी से कम देता है और वेतन पर्ची नहीं देता।',
          ],
        },
      },
      {
        code: 'LABOUR-REGISTRATION',
        name: {
          en: 'Construction worker / Sambal registration',
          hi: 'निर्माण श्रमिक / संबल पंजीयन',
          sw: 'Usajili wa mfanyakazi wa ujenzi / Sambal',
        },
        kind: 'service',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'I am a construction worker and applied for a labour card three months ago but it is not made yet.',
            'My Sambal registration was rejected though I have no land and work as a daily labourer.',
          ],
          hi: [
            'मैं निर्माण मजदूर हूँ, तीन महीने पहले श्रमिक कार्ड के लिए आवेदन किया, अभी तक नहीं बना।',
            'मेरे पास ज़मीन नहीं है और मैं मजदूरी करता हूँ, फिर भी संबल पंजीयन निरस्त कर दिया गया।',
          ],
        },
      },
      {
        code: 'LABOUR-SAMBAL-ASSISTANCE',
        name: {
          en: 'Accident or death assistance to worker family',
          hi: 'श्रमिक परिवार को दुर्घटना या मृत्यु सहायता',
          sw: 'Msaada kwa familia ya mfanyakazi baada ya ajali au kifo',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'My husband died in an accident at a construction site and the Sambal assistance of four lakh is still pending.',
            "The funeral assistance under Sambal was not given after my father's death.",
          ],
          hi: [
            'निर्माण स्थल पर दुर्घटना में मेरे पति की मृत्यु हो गई, संबल की चार लाख की सहायता अभी तक लंबित है।',
            'पिताजी की मृत्यु के बाद संबल योजना की अंत्येष्टि सहायता नहीं मिली।',
          ],
        },
      },
    ],
  },
  {
    code: 'COOP',
    name: { en: 'Cooperation', hi: 'सहकारिता', sw: 'Ushirika' },
    officerTitles: [
      { en: 'Cooperative Inspector', hi: 'सहकारिता निरीक्षक', sw: 'Mkaguzi wa Ushirika' },
      {
        en: 'Deputy Registrar (Cooperative Societies)',
        hi: 'उप पंजीयक (सहकारी संस्थाएँ)',
        sw: 'Naibu Msajili (Vyama vya Ushirika)',
      },
      {
        en: 'Joint Registrar (Cooperative Societies)',
        hi: 'संयुक्त पंजीयक (सहकारी संस्थाएँ)',
        sw: 'Msajili Mshiriki (Vyama vya Ushirika)',
      },
      {
        en: 'Commissioner & Registrar (Cooperative Societies)',
        hi: 'आयुक्त एवं पंजीयक (सहकारी संस्थाएँ)',
        sw: 'Kamishna na Msajili (Vyama vya Ushirika)',
      },
    ],
    categories: [
      {
        code: 'COOP-MSP-PAYMENT',
        name: {
          en: 'Payment for crop sold at support price pending',
          hi: 'समर्थन मूल्य पर बेची उपज का भुगतान लंबित',
          sw: 'Malipo ya mazao yaliyouzwa kwa bei elekezi ya serikali yamechelewa',
        },
        kind: 'complaint',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            'I sold wheat at the support price procurement centre 20 days ago but the payment has not come.',
            'The society did not weigh my produce though my SMS slot was for today.',
          ],
          hi: [
            'मैंने 20 दिन पहले समर्थन मूल्य उपार्जन केंद्र पर गेहूँ बेचा, भुगतान अभी तक नहीं आया।',
            'आज का एसएमएस आने के बाद भी समिति ने मेरी उपज की तौल नहीं की।',
          ],
        },
      },
      {
        code: 'COOP-CROP-LOAN',
        name: {
          en: 'Crop loan / KCC problem at cooperative society',
          hi: 'सहकारी समिति में फसल ऋण / केसीसी की समस्या',
          sw: 'Tatizo la mkopo wa mazao / KCC kwenye chama cha ushirika',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The primary agricultural credit society is not giving me a crop loan though my old loan is repaid.',
            'The society has shown a loan in my name that I never took.',
          ],
          hi: [
            'पुराना कर्ज चुकाने के बाद भी प्राथमिक कृषि साख समिति मुझे फसल ऋण नहीं दे रही।',
            'समिति ने मेरे नाम पर ऐसा कर्ज दिखा दिया है जो मैंने कभी लिया ही नहीं।',
          ],
        },
      },
      {
        code: 'COOP-SOCIETY-IRREGULARITY',
        name: {
          en: 'Irregularities in a cooperative society',
          hi: 'सहकारी संस्था में अनियमितता',
          sw: 'Ukiukaji wa taratibu kwenye chama cha ushirika',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'Our housing cooperative society has not held elections or shown accounts to members for five years.',
            'The society manager sold fertiliser meant for members to outsiders.',
          ],
          hi: [
            'गृह निर्माण सहकारी समिति ने पाँच साल से न चुनाव कराए, न सदस्यों को हिसाब दिखाया।',
            'समिति प्रबंधक ने सदस्यों के लिए आई खाद बाहर के लोगों को बेच दी।',
          ],
        },
      },
    ],
  },
  {
    code: 'TRANSPORT',
    name: { en: 'Transport', hi: 'परिवहन', sw: 'Usafirishaji' },
    officerTitles: [
      { en: 'Transport Sub-Inspector', hi: 'परिवहन उप निरीक्षक', sw: 'Mkaguzi Msaidizi wa Usafiri' },
      { en: 'District Transport Officer', hi: 'जिला परिवहन अधिकारी', sw: 'Afisa Usafiri wa Wilaya' },
      { en: 'Deputy Transport Commissioner', hi: 'उप परिवहन आयुक्त', sw: 'Naibu Kamishna wa Usafiri' },
      { en: 'Transport Commissioner', hi: 'परिवहन आयुक्त', sw: 'Kamishna wa Usafiri' },
    ],
    categories: [
      {
        code: 'TRANSPORT-LICENCE',
        name: {
          en: 'Driving licence delayed',
          hi: 'ड्राइविंग लाइसेंस में देरी',
          sw: 'Leseni ya udereva imechelewa',
        },
        kind: 'service',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [APPLICATION_NUMBER],
        samples: {
          en: [
            'I passed the driving test a month ago but the licence card has not been delivered.',
            'No online slot is available for the learner licence test for the next two months.',
          ],
          hi: [
            'मैंने एक महीने पहले ड्राइविंग टेस्ट पास किया, लेकिन लाइसेंस कार्ड नहीं मिला।',
            'लर्निंग लाइसेंस टेस्ट के लिए अगले दो महीने तक ऑनलाइन स्लॉट नहीं मिल रहा।',
          ],
        },
      },
      {
        code: 'TRANSPORT-REGISTRATION',
        name: {
          en: 'Vehicle registration or ownership transfer delayed',
          hi: 'वाहन पंजीयन या स्वामित्व अंतरण में देरी',
          sw: 'Usajili wa gari au uhamisho wa umiliki umechelewa',
        },
        kind: 'service',
        resolutionValue: 15,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [
          {
            key: 'vehicle_number',
            label: { en: 'Vehicle number', hi: 'वाहन क्रमांक', sw: 'Namba ya gari' },
            required: false,
          },
        ],
        samples: {
          en: [
            'I bought a second-hand tractor and the ownership transfer has been pending at the RTO for six weeks.',
            'The registration certificate of my new motorcycle has not been received from the dealer.',
          ],
          hi: [
            'पुराना ट्रैक्टर खरीदा था, आरटीओ में स्वामित्व अंतरण छह हफ्ते से लंबित है।',
            'नई मोटरसाइकिल का पंजीयन प्रमाण पत्र डीलर से अभी तक नहीं मिला।',
          ],
        },
      },
      {
        code: 'TRANSPORT-BUS-SERVICE',
        name: {
          en: 'Bus overcharging or rash driving',
          hi: 'बस में अधिक किराया या लापरवाह चालन',
          sw: 'Basi linatoza nauli zaidi au dereva anaendesha kwa hatari',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'The private bus on the Sehore-Bhopal route charges Rs 20 more than the fixed fare.',
            'The bus driver drives rashly while talking on the phone and seats passengers on the roof.',
          ],
          hi: [
            'सीहोर-भोपाल मार्ग की निजी बस तय किराए से 20 रुपये ज्यादा लेती है।',
            'बस चालक फोन पर बात करते हुए लापरवाही से चलाता है और छत पर सवारियाँ बैठाता है।',
          ],
        },
      },
    ],
  },
  {
    code: 'HIGHER_EDU',
    name: { en: 'Higher Education', hi: 'उच्च शिक्षा', sw: 'Elimu ya Juu' },
    officerTitles: [
      {
        en: 'Principal, Government College',
        hi: 'प्राचार्य, शासकीय महाविद्यालय',
        sw: 'Mkuu wa Chuo, Chuo cha Serikali',
      },
      { en: 'Principal, Lead College', hi: 'प्राचार्य, अग्रणी महाविद्यालय', sw: 'Mkuu wa Chuo, Chuo Kiongozi' },
      {
        en: 'Additional Director (Higher Education)',
        hi: 'अतिरिक्त संचालक (उच्च शिक्षा)',
        sw: 'Mkurugenzi Mwandamizi (Elimu ya Juu)',
      },
      { en: 'Commissioner (Higher Education)', hi: 'आयुक्त (उच्च शिक्षा)', sw: 'Kamishna (Elimu ya Juu)' },
    ],
    categories: [
      {
        code: 'HIGHER_EDU-SCHOLARSHIP',
        name: {
          en: 'Scholarship not received',
          hi: 'छात्रवृत्ति नहीं मिली',
          sw: 'Ufadhili wa masomo haujapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [
          {
            key: 'enrolment_number',
            label: { en: 'Enrolment number', hi: 'नामांकन क्रमांक', sw: 'Namba ya usajili wa mwanafunzi' },
            required: false,
          },
        ],
        samples: {
          en: [
            "Last year's Gaon ki Beti scholarship has not been credited though the college verified my application.",
            'The fee reimbursement under the Medhavi Vidyarthi Yojana for my engineering course is pending.',
          ],
          hi: [
            'कॉलेज द्वारा सत्यापन के बाद भी पिछले वर्ष की गाँव की बेटी छात्रवृत्ति खाते में नहीं आई।',
            'इंजीनियरिंग पाठ्यक्रम के लिए मेधावी विद्यार्थी योजना की फीस प्रतिपूर्ति लंबित है।',
          ],
        },
      },
      {
        code: 'HIGHER_EDU-RESULT',
        name: {
          en: 'Result, marksheet or degree delayed',
          hi: 'परिणाम, अंकसूची या उपाधि में देरी',
          sw: 'Matokeo, cheti cha alama au shahada vimechelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [
          {
            key: 'enrolment_number',
            label: { en: 'Enrolment number', hi: 'नामांकन क्रमांक', sw: 'Namba ya usajili wa mwanafunzi' },
            required: false,
          },
        ],
        samples: {
          en: [
            'The university has declared my result as withheld though I appeared in all the papers.',
            'I need my degree certificate for a job but the university has not issued it for a year.',
          ],
          hi: [
            'सभी प्रश्नपत्र देने के बाद भी विश्वविद्यालय ने मेरा परिणाम रोका हुआ घोषित किया है।',
            'नौकरी के लिए उपाधि प्रमाण पत्र चाहिए, पर विश्वविद्यालय ने एक साल से जारी नहीं किया।',
          ],
        },
      },
      {
        code: 'HIGHER_EDU-ADMISSION-INFO',
        name: {
          en: 'Information on college admission',
          hi: 'महाविद्यालय प्रवेश संबंधी जानकारी',
          sw: 'Taarifa kuhusu kujiunga na chuo',
        },
        kind: 'information',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'low',
        samples: {
          en: [
            'When will the next round of online college admission counselling start?',
            'What is the last date for paying the fee after seat allotment in a government college?',
          ],
          hi: [
            'महाविद्यालय ऑनलाइन प्रवेश काउंसलिंग का अगला चरण कब शुरू होगा?',
            'सरकारी कॉलेज में सीट आवंटन के बाद फीस जमा करने की अंतिम तिथि क्या है?',
          ],
        },
      },
    ],
  },
  {
    code: 'TRIBAL',
    name: { en: 'Tribal Affairs', hi: 'जनजातीय कार्य', sw: 'Masuala ya Jamii za Asili' },
    officerTitles: [
      {
        en: 'Mandal Sanyojak (Tribal Welfare)',
        hi: 'मंडल संयोजक (जनजातीय कल्याण)',
        sw: 'Mratibu wa Mandal (Ustawi wa Makabila)',
      },
      {
        en: 'Assistant Commissioner (Tribal Development)',
        hi: 'सहायक आयुक्त (जनजातीय कार्य)',
        sw: 'Kamishna Msaidizi (Maendeleo ya Makabila)',
      },
      {
        en: 'Divisional Deputy Commissioner (Tribal Development)',
        hi: 'संभागीय उपायुक्त (जनजातीय कार्य)',
        sw: 'Naibu Kamishna wa Kanda (Maendeleo ya Makabila)',
      },
      {
        en: 'Commissioner (Tribal Development)',
        hi: 'आयुक्त (जनजातीय कार्य)',
        sw: 'Kamishna (Maendeleo ya Makabila)',
      },
    ],
    categories: [
      {
        code: 'TRIBAL-HOSTEL',
        name: {
          en: 'Problems in tribal hostel or ashram school',
          hi: 'जनजातीय छात्रावास या आश्रम शाला में समस्या',
          sw: 'Matatizo katika bweni la jamii za asili au shule ya ashram',
        },
        kind: 'complaint',
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
        priority: 'high',
        samples: {
          en: [
            "Students in the girls' ashram hostel are not getting proper food and there is no warden at night.",
            'The hostel has no beds or blankets for the children even in winter.',
          ],
          hi: [
            'कन्या आश्रम छात्रावास में छात्राओं को ठीक से भोजन नहीं मिल रहा और रात में अधीक्षिका नहीं रहती।',
            'सर्दी में भी छात्रावास में बच्चों के लिए पलंग और कंबल नहीं हैं।',
          ],
        },
      },
      {
        code: 'TRIBAL-FOREST-RIGHTS',
        name: {
          en: 'Forest rights (FRA) claim pending',
          hi: 'वन अधिकार पट्टा दावा लंबित',
          sw: 'Dai la haki za msitu (FRA) limechelewa',
        },
        kind: 'complaint',
        resolutionValue: 45,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        samples: {
          en: [
            'We have cultivated this forest land for three generations but our forest rights claim was rejected without a hearing.',
            'Our community forest rights claim has been pending with the sub-divisional committee for two years.',
          ],
          hi: [
            'हम तीन पीढ़ियों से इस वन भूमि पर खेती कर रहे हैं, फिर भी हमारा वन अधिकार दावा बिना सुनवाई के निरस्त कर दिया गया।',
            'हमारा सामुदायिक वन अधिकार दावा दो साल से उपखंड स्तरीय समिति में लंबित है।',
          ],
        },
      },
      {
        code: 'TRIBAL-SCHOLARSHIP',
        name: {
          en: 'Scholarship for ST students not received',
          hi: 'अनुसूचित जनजाति विद्यार्थियों की छात्रवृत्ति नहीं मिली',
          sw: 'Ufadhili wa masomo kwa wanafunzi wa ST haujapokelewa',
        },
        kind: 'complaint',
        resolutionValue: 30,
        resolutionUnit: 'calendar_days',
        priority: 'normal',
        fields: [SAMAGRA_ID],
        samples: {
          en: [
            'My post-matric scholarship as a Scheduled Tribe student has not been credited this year.',
            "The school says my son's pre-matric scholarship is stuck because of an Aadhaar seeding error.",
          ],
          hi: [
            'अनुसूचित जनजाति विद्यार्थी के रूप में इस वर्ष की पोस्ट मैट्रिक छात्रवृत्ति खाते में नहीं आई।',
            'स्कूल कहता है कि आधार सीडिंग त्रुटि के कारण बेटे की प्री मैट्रिक छात्रवृत्ति अटकी है।',
          ],
        },
      },
    ],
  },
];

/** Given names in Latin script, for demo officers and citizens. */
export const FIRST_NAMES: string[] = [
  'Ramesh',
  'Suresh',
  'Sunita',
  'Anita',
  'Rajesh',
  'Mahesh',
  'Priya',
  'Pooja',
  'Vikas',
  'Deepak',
  'Kavita',
  'Rekha',
  'Arjun',
  'Rahul',
  'Neha',
  'Sanjay',
  'Manoj',
  'Lakshmi',
  'Geeta',
  'Shivani',
  'Amit',
  'Sandeep',
  'Ritu',
  'Mohan',
  'Dinesh',
  'Savitri',
  'Kamla',
  'Imran',
  'Farida',
  'Gurpreet',
  'Harish',
  'Jyoti',
];

/** Family names common in Madhya Pradesh, in Latin script. */
export const LAST_NAMES: string[] = [
  'Sharma',
  'Verma',
  'Patel',
  'Yadav',
  'Singh',
  'Chouhan',
  'Tiwari',
  'Mishra',
  'Dubey',
  'Pandey',
  'Shukla',
  'Gupta',
  'Jain',
  'Agrawal',
  'Rajput',
  'Thakur',
  'Kushwaha',
  'Ahirwar',
  'Meena',
  'Bhuriya',
  'Uikey',
  'Markam',
  'Khan',
  'Qureshi',
  'Malviya',
  'Saxena',
  'Soni',
  'Raghuvanshi',
  'Dangi',
  'Lodhi',
  'Parmar',
  'Solanki',
];
