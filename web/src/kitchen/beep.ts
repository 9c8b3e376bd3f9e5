/**
 * A short two-tone chime for a new ticket, made with WebAudio (no sound file to load). Browsers only
 * let a page make sound after the user interacted with it, so it starts muted and `enable()` is called
 * from the button that turns it on.
 */
export class Beeper {
  private context: AudioContext | null = null;

  get enabled(): boolean {
    return this.context !== null;
  }

  /** Call from a click: creates (or resumes) the audio context and plays a chime as confirmation. */
  enable(): void {
    this.context ??= new AudioContext();
    void this.context.resume();
    this.beep();
  }

  disable(): void {
    void this.context?.close();
    this.context = null;
  }

  beep(): void {
    const context = this.context;
    if (!context) return;
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.16, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.15);
    }
  }
}
