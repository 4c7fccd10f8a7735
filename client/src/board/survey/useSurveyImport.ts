/**
 * The survey import dialog's state and requests: the file, the mapping, the preview and the
 * report, with one request in flight at a time (a newer one drops the answer of the older).
 */
import { useRef, useState } from 'react';
import type { SurveyError } from '../../../../shared/model/survey.js';
import type { SurveyImportReport, SurveyPreview } from '../../../../shared/model/surveyImport.js';
import { api } from '../../api.js';
import { useIdentity } from '../../ui/identity.js';
import { useToasts } from '../../ui/toasts.js';
import { plural } from '../../../../shared/model/plural.js';
import type { BoardSession } from '../core/session.js';
import {
  carryMapping,
  columnExamples,
  initialMapping,
  mappingProblems,
  sourceFromFileName,
  toRequestMapping,
  type MappingForm,
} from './mappingForm.js';
import { isRetryable, requestErrorMessage, surveyErrorsOf } from './surveyView.js';

export type SurveyStep = 'file' | 'mapping' | 'preview' | 'report';

export interface SurveyFailure {
  message: string;
  retry?: () => void;
  lines?: { errors: SurveyError[]; errorCount: number };
}

export const IMPORTING = 'Importing…';

/** Runs one request at a time; answers to superseded ones (a newer file, a changed mapping) are dropped. */
function useLatestRequest() {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<SurveyFailure | null>(null);
  const requestSeq = useRef(0);

  const request = async <T>(label: string, run: () => Promise<T>, retry: () => void) => {
    const seq = ++requestSeq.current;
    setBusy(label);
    setFailure(null);
    try {
      const value = await run();
      return seq === requestSeq.current ? value : undefined;
    } catch (err) {
      if (seq === requestSeq.current) {
        const lines = surveyErrorsOf(err) ?? undefined;
        setFailure({
          message: requestErrorMessage(err),
          retry: isRetryable(err) ? retry : undefined,
          lines,
        });
      }
      return undefined;
    } finally {
      if (seq === requestSeq.current) setBusy(null);
    }
  };
  return { busy, failure, setFailure, request };
}

export function useSurveyImport(session: BoardSession) {
  const toasts = useToasts();
  const identity = useIdentity();
  const [step, setStep] = useState<SurveyStep>('file');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [headers, setHeaders] = useState<string[]>([]);
  const [examples, setExamples] = useState<string[]>([]);
  const [form, setForm] = useState<MappingForm | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [preview, setPreview] = useState<SurveyPreview | null>(null);
  const [report, setReport] = useState<SurveyImportReport | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const { busy, failure, setFailure, request } = useLatestRequest();

  const runPreview = async (text: string, mapping: MappingForm, create: boolean) => {
    const problems = mappingProblems(mapping);
    if (problems.length > 0) {
      setShowProblems(true);
      setStep('mapping');
      return;
    }
    const result = await request(
      'Checking every row…',
      () =>
        api.surveyPreview(
          session.boardId,
          { csv: text, mapping: toRequestMapping(mapping), createMissing: create },
          session.token,
        ),
      () => void runPreview(text, mapping, create),
    );
    if (!result) return;
    setPreview(result);
    setStep('preview');
  };

  /** Reads the columns of a new file; a replacement goes straight back to the preview. */
  const loadCsv = async (text: string, name: string | null) => {
    const replacing = step === 'preview' && form !== null;
    setCsv(text);
    setFileName(name);
    if (!replacing || !source.trim())
      setSource(name ? sourceFromFileName(name) : `Pasted survey ${today()}`);
    const guess = await request(
      'Reading the columns…',
      () => api.surveyPreview(session.boardId, { csv: text }, session.token),
      () => void loadCsv(text, name),
    );
    if (!guess) return;
    if (guess.headers.length === 0) {
      setFailure({ message: 'The file is empty: it needs a header row and at least one row.' });
      return;
    }
    const next =
      replacing && form
        ? carryMapping(form, guess.headers, guess.suggestedMapping)
        : initialMapping(guess.headers, guess.suggestedMapping);
    setHeaders(guess.headers);
    setExamples(columnExamples(guess.headers, guess.sample));
    setForm(next);
    setShowProblems(false);
    if (replacing) await runPreview(text, next, createMissing);
    else setStep('mapping');
  };

  const readFile = (file: File) => {
    file.text().then(
      (text) => void loadCsv(text, file.name),
      () => setFailure({ message: `“${file.name}” could not be read.` }),
    );
  };

  const runImport = async () => {
    if (!form) return;
    const result = await request(
      IMPORTING,
      () =>
        api.surveyImport(
          session.boardId,
          {
            csv,
            mapping: toRequestMapping(form),
            source: source.trim() || 'Survey import',
            createMissing,
            // The activity feed credits the import to this person.
            author: identity.name,
          },
          session.token,
        ),
      () => void runImport(),
    );
    if (!result) return;
    setReport(result);
    setStep('report');
    toasts.show(`Survey imported: ${plural(result.cards.length, 'card')} updated`, 'success');
  };

  const problems = form ? mappingProblems(form) : [];
  const canImport =
    preview !== null && preview.errorCount === 0 && (preview.matches?.cards.length ?? 0) > 0;

  return {
    step,
    setStep,
    csv,
    fileName,
    source,
    setSource,
    headers,
    examples,
    form,
    setForm: (next: MappingForm) => {
      setForm(next);
      setShowProblems(false);
    },
    createMissing,
    setCreateMissing,
    preview,
    report,
    busy,
    failure,
    problems: showProblems ? problems : [],
    canImport,
    loadCsv,
    readFile,
    runPreview,
    runImport,
  };
}

function today(): string {
  return new Intl.DateTimeFormat('en-CA').format(new Date());
}
