import { ApiProblem } from '../api/api-problem.js';

/**
 * What went wrong, as the API said it: a refused screen reads "Not allowed" and shows the 403
 * problem+json (status, code, detail) rather than an empty page.
 */
export function ProblemView({ error, what }: { error: unknown; what?: string }) {
  if (!(error instanceof ApiProblem)) {
    return (
      <div class="problem" role="alert">
        <h2>Cannot reach Brigade</h2>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const heading =
    error.status === 403
      ? 'Not allowed'
      : error.status === 404
        ? 'Not found'
        : error.status === 401
          ? 'Signed out'
          : 'Something went wrong';
  const explanation =
    error.status === 403
      ? `Your account has no right to ${what ?? 'open this screen'}.`
      : error.status === 404
        ? `Brigade has no ${what ?? 'such page'}.`
        : undefined;
  return (
    <div class="problem" role="alert" data-status={error.status}>
      <h2>{heading}</h2>
      {explanation && <p>{explanation}</p>}
      <dl class="problem-details">
        <dt>Status</dt>
        <dd>{error.status}</dd>
        <dt>Code</dt>
        <dd>
          <code>{error.code}</code>
        </dd>
        {error.body.title && (
          <>
            <dt>Title</dt>
            <dd>{error.body.title}</dd>
          </>
        )}
        {error.body.detail && (
          <>
            <dt>Detail</dt>
            <dd>{error.body.detail}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/**
 * A screen the app knows this account may not use, where the API would answer with an empty list
 * rather than a 403 (its lists are scoped to the caller): said plainly instead of an empty screen.
 */
export function NotAllowed({ title, reason }: { title: string; reason: string }) {
  return (
    <section class="screen">
      <h1>{title}</h1>
      <div class="problem" role="alert" data-status={403}>
        <h2>Not allowed</h2>
        <p>{reason}</p>
      </div>
    </section>
  );
}
