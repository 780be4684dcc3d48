/**
 * The back office's one stylesheet, served by `GET /office/assets/desk.css` (the CSP allows no
 * inline style). Mobile first: one column at 375 px, the header on one line and tables as wide
 * as the screen from 48rem. Colours keep a contrast of at least 4.5:1 on their background, and
 * every focusable element shows a thick outline when focused from the keyboard.
 */
export const deskStylesheet = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1b1b;background:#f6f7f9}
body{margin:0}
a{color:#0b4f9c}
a:hover{color:#062e5c}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.skip-link{position:absolute;left:.5rem;top:-3rem;background:#fff;color:#0b4f9c;padding:.5rem 1rem;z-index:10;border:2px solid #0b4f9c}
.skip-link:focus{top:.5rem}
.site-header{background:#14325c;color:#fff;padding:.75rem 1rem}
.site-header a{color:#fff}
.header-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;max-width:80rem;margin:0 auto}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.who{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem;font-size:.95rem}
.role-badge{display:inline-block;background:#fff;color:#14325c;border-radius:1rem;padding:0 .6rem;font-weight:600;font-size:.85rem}
.site-nav{background:#e6ebf2;border-bottom:1px solid #c5cfdc}
.site-nav ul{list-style:none;margin:0 auto;padding:0 .5rem;display:flex;flex-wrap:wrap;max-width:80rem}
.site-nav a{display:block;padding:.6rem .75rem;text-decoration:none;color:#14325c;font-weight:600}
.site-nav a[aria-current=page]{border-bottom:3px solid #14325c}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.flash{border-left:6px solid #1a7f37;background:#e9f7ee;padding:.75rem 1rem;margin:0 0 1rem}
.flash.problem{border-color:#b00020;background:#fdecee}
.cards{display:grid;grid-template-columns:1fr;gap:1rem;margin:0 0 1rem;padding:0;list-style:none}
.card{background:#fff;border:1px solid #c5cfdc;border-radius:6px;padding:1rem}
.card h2,.card h3{margin-top:0}
.card h3{font-size:1rem}
.figure{font-size:2rem;font-weight:700;margin:0}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #c5cfdc;border-radius:6px}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:.5rem .75rem}
th,td{overflow-wrap:anywhere;text-align:left;padding:.5rem .75rem;border-top:1px solid #dde3ea;vertical-align:top}
thead th{background:#eef2f7;border-top:none}
.filters{display:grid;grid-template-columns:1fr;gap:.75rem;background:#fff;border:1px solid #c5cfdc;border-radius:6px;padding:1rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
input,select,textarea{display:block;width:100%;padding:.5rem;font:inherit;color:#1b1b1b;background:#fff;border:1px solid #5b6573;border-radius:4px}
input[type=checkbox]{display:inline-block;width:auto;margin-right:.5rem}
.checkbox label{display:inline;font-weight:600}
[aria-invalid=true]{border:2px solid #b00020}
.error{color:#b00020;margin:.25rem 0 0;font-weight:600}
.hint{color:#4a5563;margin:.1rem 0 .25rem;font-size:.9rem}
.field{margin:0 0 1rem}
.form-grid{display:grid;grid-template-columns:1fr;gap:0 1rem}
fieldset{border:1px solid #c5cfdc;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem;background:#fff}
legend{font-weight:700;padding:0 .25rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.55rem 1.1rem;border-radius:4px;border:2px solid #14325c;background:#14325c;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#14325c}
.site-header button{background:transparent;border-color:#fff;color:#fff;padding:.3rem .8rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:.5rem 0}
.paging{display:flex;gap:1rem;justify-content:space-between;align-items:center;margin:1rem 0}
.details{display:grid;grid-template-columns:1fr;gap:.25rem 1rem;background:#fff;border:1px solid #c5cfdc;border-radius:6px;padding:1rem;margin:0 0 1rem}
.details dt{font-weight:700}
.details dd{margin:0 0 .5rem;overflow-wrap:anywhere}
.timeline{list-style:none;margin:0;padding:0;border-left:3px solid #14325c}
.timeline li{position:relative;margin:0 0 1rem;padding:0 0 0 1rem}
.timeline li::before{content:"";position:absolute;left:-.55rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:#14325c}
.timeline time{display:block;color:#4a5563;font-size:.9rem}
.meta{color:#4a5563;font-size:.9rem;margin:0}
.status{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.85rem;font-weight:600;background:#e6ebf2;color:#14325c}
.status.new{background:#fff4d6;color:#6b4a00}
.status.won{background:#dff3e4;color:#0b5a23}
.status.lost{background:#f1f1f1;color:#4a5563}
.status.not-sent,.not-sent{color:#b00020}
.status.not-sent{background:#fde7ea}
.overdue{color:#b00020;font-weight:700}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.summary{border:2px solid #b00020;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}
@media (min-width:48rem){
.cards{grid-template-columns:repeat(auto-fit,minmax(14rem,1fr))}
.filters{grid-template-columns:2fr 1fr 1fr 1fr auto;align-items:end}
.form-grid{grid-template-columns:1fr 1fr}
.details{grid-template-columns:12rem 1fr}
.details dd{margin:0}
h1{font-size:1.9rem}
}
@media (max-width:47.99rem){
.responsive-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.responsive-table tr{display:block;border-top:1px solid #c5cfdc;padding:.25rem 0}
.responsive-table td{display:grid;grid-template-columns:7rem 1fr;gap:.5rem;border:none;padding:.25rem .75rem}
.responsive-table td::before{content:attr(data-label);font-weight:700}
.responsive-table td>*{justify-self:start}
}
`.trim();
