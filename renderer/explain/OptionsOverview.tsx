import type { Phrasebook } from '../../shared/i18n';
import { OPTIONS_OVERVIEW } from '../../shared/procedure/optionsOverview';

/** All treatment options side by side, in plain words, with their good points and downsides. */
export function OptionsOverview({ words }: { words: Phrasebook }) {
  const { overview } = words;
  return (
    <section className="explain-overview" data-testid="explain-overview" aria-label={overview.heading} lang={words.language}>
      <h2>{overview.heading}</h2>
      <p className="explain-overview-lead">{overview.lead}</p>
      <div className="explain-overview-grid">
        {OPTIONS_OVERVIEW.map(({ id, kind }) => {
          const o = overview.options[id];
          return (
            <article key={id} className={`explain-option ${kind}`}>
              <span className="explain-option-kind">{overview.kinds[kind]}</span>
              <h3>{o.name}</h3>
              <p>{o.whatItIs}</p>
              <ul className="good">{o.goodPoints.map((g) => <li key={g}>{g}</li>)}</ul>
              <ul className="downsides">{o.downsides.map((d) => <li key={d}>{d}</li>)}</ul>
            </article>
          );
        })}
      </div>
    </section>
  );
}
