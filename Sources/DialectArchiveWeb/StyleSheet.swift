/// The pages' look, served as `/static/style.css`: system fonts only, nothing from outside.
enum StyleSheet {
    static let source = """
    :root { --ink: #1d2329; --muted: #5c6670; --line: #d9dee3; --accent: #8a2b17; --mark: #ffe08a; --paper: #fbfaf7; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif;
      color: var(--ink); background: var(--paper); }
    header.top { display: flex; justify-content: space-between; align-items: baseline; padding: .6rem 1.5rem;
      border-bottom: 1px solid var(--line); background: #fff; }
    header.top .brand { font-weight: 700; font-size: 1.15rem; color: var(--accent); text-decoration: none; }
    header.top nav a { margin-left: 1rem; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    a { color: #1f5f8b; }
    h1 { font-size: 1.35rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
    h3 { font-size: .95rem; margin: 0 0 .3rem; }
    form.search { margin: .5rem 0 1rem; }
    form.search input[type=search] { width: min(36rem, 70%); font-size: 1.05rem; padding: .4rem .6rem; border: 1px solid #aab3bb; border-radius: 4px; }
    button { font: inherit; padding: .35rem .9rem; border: 1px solid #8c969f; border-radius: 4px; background: #fff; cursor: pointer; }
    button:hover { background: #f0f2f4; }
    details.filters { margin-top: .6rem; }
    details.filters summary { cursor: pointer; color: var(--muted); }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .4rem 1rem; margin-top: .5rem; }
    .fields label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
    .fields input, .fields select { font: inherit; color: var(--ink); padding: .25rem .4rem; border: 1px solid #c3cad0; border-radius: 3px; }
    .error { color: #a11; background: #fdecea; border: 1px solid #f3c2bd; padding: .5rem .8rem; border-radius: 4px; }
    .total { font-weight: 600; }
    ol.hits { padding-left: 2.2rem; }
    li.hit { margin: 0 0 .9rem; padding-bottom: .6rem; border-bottom: 1px solid var(--line); }
    .where { font-size: .85rem; color: var(--muted); }
    .lines { display: flex; gap: .6rem; align-items: flex-start; margin-top: .2rem; }
    button.play { padding: .1rem .55rem; font-size: .85rem; }
    button.play.playing { background: var(--accent); color: #fff; border-color: var(--accent); }
    .tier { display: flex; gap: .6rem; }
    .tier-name { min-width: 5rem; font-size: .8rem; color: var(--muted); padding-top: .15rem; }
    .tier.main .text { font-size: 1.1rem; }
    mark { background: var(--mark); padding: 0 .1em; }
    nav.pages a { margin-right: 1rem; }
    header.top form.logout { display: inline; margin-left: .5rem; }
    form.login label { display: block; margin: .5rem 0; }
    .counts { display: flex; gap: 3rem; flex-wrap: wrap; font-size: .9rem; }
    .counts ul { list-style: none; padding: 0; margin: 0; }
    .counts .n { color: var(--muted); margin-left: .4rem; }
    .recording { display: grid; grid-template-columns: minmax(18rem, 24rem) 1fr; gap: 2rem; align-items: start; }
    .player { position: sticky; top: 1rem; }
    .player audio { width: 100%; }
    dl.facts { display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; font-size: .85rem; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .tier-columns { display: flex; gap: 1rem; overflow-x: auto; }
    .tier-column { flex: 1 1 0; min-width: 12rem; }
    .kind { font-weight: 400; color: var(--muted); font-size: .8rem; }
    ol.segments { list-style: none; padding: 0; margin: 0; max-height: 70vh; overflow-y: auto; }
    a.segment { display: block; padding: .2rem .4rem; border-radius: 3px; color: var(--ink); text-decoration: none; }
    a.segment:hover { background: #eef2f5; }
    a.segment.current { background: var(--mark); }
    .time { font-size: .75rem; color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .3rem; }
    @media (max-width: 48rem) { .recording { grid-template-columns: 1fr; } .player { position: static; } }
    .facet .selected { font-weight: 600; }
    .selected-filters a.remove-filter { margin-right: .4rem; padding: .1rem .4rem; border-radius: 3px; background: var(--mark); color: var(--ink); text-decoration: none; }
    .with-map { display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(18rem, 32rem); gap: 2rem; align-items: start; }
    figure.site-map { margin: 0; }
    figure.site-map svg#site-map { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
    figure.site-map g.site:hover circle { stroke: var(--ink); stroke-width: 3; }
    ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .85rem; }
    ul.figures { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(8rem, 1fr)); gap: .4rem 1rem; }
    ul.figures .n, ul.by-dialect .n { font-weight: 700; font-variant-numeric: tabular-nums; }
    ul.by-dialect { list-style: none; padding: 0; }
    ul.by-dialect .n { font-weight: 400; color: var(--muted); margin-left: .4rem; }
    table.records, table.comparison { border-collapse: collapse; width: 100%; font-size: .9rem; }
    table.records td, table.comparison td, table.comparison th { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    table.comparison td.forms { font-size: 1.1rem; }
    table.comparison td.ipa { font-family: "Charis SIL", "Doulos SIL", "DejaVu Sans", serif; }
    ul.participants, ul.speakers, ul.downloads { padding-left: 1.2rem; }
    .role { color: var(--muted); font-size: .85rem; }
    .note.restricted { color: var(--muted); font-style: italic; }
    p.cite { font-size: .85rem; background: #fff; border: 1px solid var(--line); padding: .5rem .7rem; border-radius: 4px; overflow-wrap: anywhere; }
    a.download { margin-right: .5rem; }
    @media (max-width: 48rem) { .with-map { grid-template-columns: 1fr; } }
    svg.waveform { display: block; width: 100%; height: 4rem; margin: .4rem 0; background: #fff; border: 1px solid var(--line); border-radius: 3px; }
    """
}
