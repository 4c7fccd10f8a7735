/** The timer's end: a soft two-note chime made with WebAudio (no sound file). */

let context: AudioContext | null = null;

/** Plays the chime; silently nothing where audio is unavailable or not yet allowed. */
export function playChime(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.02;
    [659.25, 880].forEach((frequency, i) => {
      const at = start + i * 0.28;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.1);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 1.2);
    });
  } catch {
    // No audio here: the flash and the announcement still say the time is up.
  }
}
