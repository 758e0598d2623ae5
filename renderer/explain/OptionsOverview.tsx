import { OPTIONS_OVERVIEW } from '../../shared/procedure/optionsOverview';

const KIND_LABEL = { 'non-surgical': 'Without surgery', procedure: 'Small procedure', operation: 'Operation' } as const;

/** All treatment options side by side, in plain words, with their good points and downsides. */
export function OptionsOverview() {
  return (
    <section className="explain-overview" data-testid="explain-overview" aria-label="Treatment options">
      <h2>Your options</h2>
      <p className="explain-overview-lead">Most broken spine bones heal by themselves over weeks. Whatever you choose, bone-strengthening treatment helps prevent the next one.</p>
      <div className="explain-overview-grid">
        {OPTIONS_OVERVIEW.map((o) => (
          <article key={o.id} className={`explain-option ${o.kind}`}>
            <span className="explain-option-kind">{KIND_LABEL[o.kind]}</span>
            <h3>{o.name}</h3>
            <p>{o.whatItIs}</p>
            <ul className="good">{o.goodPoints.map((g) => <li key={g}>{g}</li>)}</ul>
            <ul className="downsides">{o.downsides.map((d) => <li key={d}>{d}</li>)}</ul>
          </article>
        ))}
      </div>
    </section>
  );
}
