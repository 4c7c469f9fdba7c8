// espeak-ng as the SIP path's placeholder voice, and the resampler that takes its 22 kHz to 8 kHz.
import { describe, expect, it } from 'vitest';
import { createSpeech, resample } from './speech.ts';

const tone = (hz: number, rate: number, seconds: number) =>
  Int16Array.from({ length: rate * seconds }, (_, i) =>
    Math.round(10000 * Math.sin((2 * Math.PI * hz * i) / rate)),
  );
const rms = (x: Int16Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('speech for the SIP path', () => {
  it('resamples to 8 kHz keeping speech frequencies and filtering what the line cannot carry', () => {
    const low = resample(tone(1000, 22050, 1), 22050, 8000);
    expect(low.length).toBe(8000);
    let crossings = 0;
    for (let i = 1; i < low.length; i++)
      if ((low[i - 1] as number) < 0 !== (low[i] as number) < 0) crossings++;
    expect(crossings).toBeGreaterThan(1980); // 1 kHz: 2,000 zero crossings a second
    expect(crossings).toBeLessThan(2020);
    expect(rms(low)).toBeGreaterThan(6000);
    // 6 kHz would fold back to 2 kHz at 8 kHz: the filter takes it out.
    expect(rms(resample(tone(6000, 22050, 1), 22050, 8000))).toBeLessThan(800);
  });

  it('speaks English, Hindi and Swahili with espeak-ng, each text once', async () => {
    const speech = createSpeech();
    const en = speech.say('Welcome to the helpline.', 'en');
    expect(speech.say('Welcome to  the helpline. ', 'en')).toBe(en); // cached, whitespace aside
    const [english, hindi, swahili] = await Promise.all([
      en,
      speech.say('सिविकलाइन हेल्पलाइन में आपका स्वागत है।', 'hi'),
      speech.say('Karibu kwenye huduma ya simu.', 'sw'),
    ]);
    for (const clip of [english, hindi, swahili]) {
      expect(clip.length).toBeGreaterThan(8000 * 0.8); // most of a second, at 8 kHz
      expect(rms(clip)).toBeGreaterThan(300);
    }
    expect(speech.pause(250).length).toBe(2000);
  });

  it('gives silence, and says why once, when espeak-ng is missing', async () => {
    const errors: string[] = [];
    const speech = createSpeech({ espeak: '/nonexistent/espeak', log: { error: (_o, m) => errors.push(m) } });
    expect((await speech.say('hello', 'en')).length).toBe(0);
    expect((await speech.say('again', 'en')).length).toBe(0);
    expect(errors).toHaveLength(1);
  });
});
