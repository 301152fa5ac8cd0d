/// The page's only stylesheet, served from our own origin so the Content-Security-Policy can
/// say `style-src 'self'` and allow no inline style at all.
enum Stylesheet {
    static let path = "/pay/style.css"

    static let css = """
    :root { --ink:#1d2433; --muted:#5b6475; --line:#dde1e8; --accent:#3b5bdb; --accent-ink:#fff;
            --ok:#1e7b4a; --ok-bg:#e6f5ec; --bad:#b42318; --bad-bg:#fdecea; --bg:#f4f6fa; --card:#fff; }
    * { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
           color: var(--ink); background: var(--bg); }
    body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; align-items: center; }
    .topbar { width: 100%; display: flex; justify-content: space-between; align-items: center;
              padding: 14px 24px; background: var(--card); border-bottom: 1px solid var(--line); }
    .brand { font-weight: 700; font-size: 1.1rem; letter-spacing: .01em; }
    .badge { font-size: .75rem; font-weight: 600; text-transform: uppercase; color: #8a5a00;
             background: #fff4d6; border: 1px solid #f0d48a; border-radius: 999px; padding: 3px 10px; }
    .sheet { width: 100%; max-width: 560px; margin: 28px 16px; background: var(--card); border: 1px solid var(--line);
             border-radius: 12px; padding: 28px; box-shadow: 0 6px 24px rgba(29,36,51,.06); }
    h1 { font-size: 1.35rem; margin: 0 0 6px; }
    h2 { font-size: 1rem; margin: 24px 0 10px; }
    .lead { color: var(--muted); margin: 0 0 18px; }
    .amount { font-size: 2rem; font-weight: 700; margin: 4px 0 18px; }
    table.items { width: 100%; border-collapse: collapse; font-size: .95rem; }
    table.items th, table.items td { padding: 8px 0; border-bottom: 1px solid var(--line); text-align: left; }
    table.items td.num, table.items th.num { text-align: right; white-space: nowrap; }
    table.items tfoot td { font-weight: 700; border-bottom: none; padding-top: 12px; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: .9rem; color: var(--muted); }
    dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
    form { margin-top: 8px; }
    .field { margin: 0 0 14px; }
    .row { display: flex; gap: 12px; } .row .field { flex: 1; }
    label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: 6px; }
    .hint { font-weight: 400; color: var(--muted); }
    input { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #c5cbd6; border-radius: 8px; background: #fff; }
    input:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: var(--accent); }
    input[aria-invalid="true"] { border-color: var(--bad); background: #fffafa; }
    .error { color: var(--bad); font-size: .875rem; margin: 6px 0 0; }
    .summary { border: 1px solid var(--bad); background: var(--bad-bg); color: var(--bad); border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; }
    details { margin: 4px 0 16px; } summary { cursor: pointer; color: var(--accent); font-weight: 600; }
    details[open] summary { margin-bottom: 12px; }
    button { width: 100%; font: inherit; font-weight: 700; font-size: 1.05rem; padding: 13px; border: 0; border-radius: 8px;
             background: var(--accent); color: var(--accent-ink); cursor: pointer; }
    button:hover { filter: brightness(1.08); }
    .notice { border-radius: 10px; padding: 16px 18px; margin: 0 0 18px; }
    .notice.ok { background: var(--ok-bg); color: var(--ok); border: 1px solid #b7e0c6; }
    .notice.bad { background: var(--bad-bg); color: var(--bad); border: 1px solid #f3c2bc; }
    .notice h1 { color: inherit; }
    .testcards { margin-top: 22px; font-size: .85rem; color: var(--muted); border-top: 1px dashed var(--line); padding-top: 14px; }
    .testcards ul { margin: 6px 0 0; padding-left: 18px; } code { font-family: ui-monospace, Menlo, Consolas, monospace; }
    .foot { color: var(--muted); font-size: .8rem; padding: 0 16px 28px; text-align: center; max-width: 560px; }
    """
}
