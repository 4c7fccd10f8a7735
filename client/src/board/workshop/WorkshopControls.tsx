/**
 * The top bar's workshop control (W193–W195): the time left, always in the bar whatever its
 * width, and a panel with the timer (editors and owners), gathering everyone and quiet mode
 * (editors and owners), and the per-device settings (everyone).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { setQuietCursors } from '../../../../shared/model/gather.js';
import {
  addTimerTime,
  formatTimeLeft,
  MINUTE_MS,
  pauseTimer,
  resumeTimer,
  startTimer,
  stopTimer,
  TIMER_MAX_MS,
  TIMER_PRESETS_MIN,
} from '../../../../shared/model/timer.js';
import { useToasts } from '../../ui/toasts.js';
import { useOpenBoard } from '../core/openBoard.js';
import { useWorkshopSetting } from './localSettings.js';
import { serverNow } from './serverClock.js';
import { useRoomQuiet } from './useQuiet.js';
import { useSummonEveryone } from './useSummon.js';
import { useTimer } from './useTimer.js';
import './workshop.css';

const TimerIcon = () => (
  <svg
    width="16"
    height="16"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    aria-hidden="true"
    focusable="false"
  >
    <circle cx="12" cy="13" r="8" />
    <path d="M12 9v4l2.5 2.5M9 2h6" />
  </svg>
);

/** Opens and closes the panel: Esc and a press outside close it, focus returns to the button. */
function usePanel() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  const onKeyDown = (event: KeyboardEvent) => {
    // The panel's keys are its own (a field's typing must not reach the board).
    event.stopPropagation();
    if (event.key !== 'Escape') return;
    event.preventDefault();
    setOpen(false);
    button.current?.focus();
  };
  return { open, setOpen, button, panel, onKeyDown };
}

export function WorkshopControls() {
  const { session, abilities } = useOpenBoard();
  const { doc } = session;
  const canRun = abilities.edit;
  const { timer, leftMs, ended } = useTimer(doc);
  const roomQuiet = useRoomQuiet(doc);
  const { open, setOpen, button, panel, onKeyDown } = usePanel();
  const panelId = useId();
  const left = timer ? formatTimeLeft(leftMs) : null;
  const paused = timer?.state === 'paused';
  const label = [
    'Workshop',
    left && `timer ${paused ? 'paused at' : ''} ${left} left`.replace(/ +/g, ' '),
    roomQuiet && 'quiet mode on',
  ]
    .filter(Boolean)
    .join(', ');
  // Nothing for a link that may not run anything, unless there is something to show.
  return (
    <div className="workshop" data-fit-fixed>
      <button
        ref={button}
        type="button"
        className={`btn btn-ghost workshop-button${ended ? ' timer-ended' : ''}`}
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="workshop-button"
        onClick={() => setOpen((o) => !o)}
      >
        <TimerIcon />
        {left !== null && (
          <span
            className={`timer-left${paused ? ' timer-paused' : ''}`}
            data-testid="timer-left"
            data-left-ms={leftMs}
            data-state={timer?.state}
          >
            {left}
          </span>
        )}
        {roomQuiet && (
          <span className="quiet-badge" data-testid="quiet-badge">
            Quiet
          </span>
        )}
      </button>
      <span className="sr-only" role="status" aria-live="polite" data-testid="timer-announcement">
        {ended ? 'Time is up' : ''}
      </span>
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="menu workshop-panel"
          role="dialog"
          aria-label="Workshop"
          data-testid="workshop-panel"
          onKeyDown={onKeyDown}
        >
          {canRun && <TimerSection running={timer !== null} paused={paused} />}
          {canRun && <GatherSection quiet={roomQuiet} onDone={() => setOpen(false)} />}
          <PersonalSection />
        </div>
      )}
    </div>
  );
}

function TimerSection({ running, paused }: { running: boolean; paused: boolean }) {
  const { session } = useOpenBoard();
  const { doc } = session;
  const toasts = useToasts();
  const [minutes, setMinutes] = useState('15');
  const run = (write: () => void) => toasts.attempt(write);
  const start = (ms: number) => run(() => startTimer(doc, ms, serverNow()));
  const onCustom = (event: FormEvent) => {
    event.preventDefault();
    const ms = Math.round(Number(minutes) * MINUTE_MS);
    if (!(ms >= 1000 && ms <= TIMER_MAX_MS)) {
      toasts.show(`A timer runs from 1 second to ${TIMER_MAX_MS / 3_600_000} hours`, 'error');
      return;
    }
    start(ms);
  };
  return (
    <section className="workshop-section" aria-labelledby="workshop-timer-title">
      <h3 id="workshop-timer-title" className="workshop-title">
        Timer
      </h3>
      <div className="workshop-row">
        {TIMER_PRESETS_MIN.map((m) => (
          <button
            key={m}
            type="button"
            className="btn"
            data-testid={`timer-preset-${m}`}
            aria-label={`Start a ${m} minute timer`}
            onClick={() => start(m * MINUTE_MS)}
          >
            {m} min
          </button>
        ))}
      </div>
      <form className="workshop-row" onSubmit={onCustom}>
        <label className="workshop-custom">
          <span>Minutes</span>
          <input
            className="input"
            type="number"
            min="0"
            max={TIMER_MAX_MS / MINUTE_MS}
            step="any"
            value={minutes}
            data-testid="timer-custom-minutes"
            onChange={(e) => setMinutes(e.target.value)}
          />
        </label>
        <button type="submit" className="btn" data-testid="timer-custom-start">
          Start
        </button>
      </form>
      {running && (
        <div className="workshop-row" role="group" aria-label="Running timer">
          {paused ? (
            <button
              type="button"
              className="btn"
              data-testid="timer-resume"
              onClick={() => run(() => resumeTimer(doc, serverNow()))}
            >
              Resume
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="timer-pause"
              onClick={() => run(() => pauseTimer(doc, serverNow()))}
            >
              Pause
            </button>
          )}
          <button
            type="button"
            className="btn"
            data-testid="timer-add-minute"
            aria-label="Add a minute"
            onClick={() => run(() => addTimerTime(doc, serverNow()))}
          >
            +1 min
          </button>
          <button
            type="button"
            className="btn"
            data-testid="timer-stop"
            onClick={() => run(() => stopTimer(doc))}
          >
            Stop
          </button>
        </div>
      )}
    </section>
  );
}

function GatherSection({ quiet, onDone }: { quiet: boolean; onDone(): void }) {
  const { session } = useOpenBoard();
  const toasts = useToasts();
  const summon = useSummonEveryone();
  return (
    <section className="workshop-section" aria-labelledby="workshop-gather-title">
      <h3 id="workshop-gather-title" className="workshop-title">
        Gather
      </h3>
      <button
        type="button"
        className="btn"
        data-testid="summon-everyone"
        title="Move everyone's view to yours, once"
        onClick={() => {
          summon();
          toasts.show('Everyone was brought to your view', 'success');
          onDone();
        }}
      >
        Bring everyone here
      </button>
      <label className="workshop-check">
        <input
          type="checkbox"
          checked={quiet}
          data-testid="quiet-everyone"
          onChange={(e) => toasts.attempt(() => setQuietCursors(session.doc, e.target.checked))}
        />
        Quiet mode: hide cursors for everyone
      </label>
    </section>
  );
}

function PersonalSection() {
  const [hideCursors, setHideCursors] = useWorkshopSetting('hideCursors');
  const [muted, setMuted] = useWorkshopSetting('chimeMuted');
  return (
    <section className="workshop-section" aria-labelledby="workshop-me-title">
      <h3 id="workshop-me-title" className="workshop-title">
        Just for me
      </h3>
      <label className="workshop-check">
        <input
          type="checkbox"
          checked={hideCursors}
          data-testid="hide-cursors-mine"
          onChange={(e) => setHideCursors(e.target.checked)}
        />
        Hide others’ cursors
      </label>
      <label className="workshop-check">
        <input
          type="checkbox"
          checked={muted}
          data-testid="chime-muted"
          onChange={(e) => setMuted(e.target.checked)}
        />
        Mute the timer’s chime
      </label>
    </section>
  );
}
