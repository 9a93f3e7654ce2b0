// The public site's one stylesheet, served at /public/site.css. Colors meet WCAG AA contrast.
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:#1d2430;background:#fff}
body{margin:0}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:1rem;z-index:10}
.crisis{background:#7a1020;color:#fff;padding:.5rem 1rem;font-size:.95rem}
.crisis p{margin:0;max-width:60rem;margin:0 auto}
.crisis a{color:#fff;font-weight:700}
.site-header{border-bottom:1px solid #d5dbe3;padding:.75rem 0}
.header-row{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.15rem;text-decoration:none;color:#1d2430}
.brand img{object-fit:contain}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0 0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding:1.5rem 1rem 3rem}
main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.15rem}
.muted{color:#4a5563}
.notice{background:#eef4fb;border-left:4px solid #0b5cad;padding:.75rem 1rem}
.button{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;border:2px solid #0b5cad;color:#0b5cad;background:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.primary{background:#0b5cad;color:#fff}
.button.danger{background:#a3112a;border-color:#a3112a;color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
.card{border:1px solid #d5dbe3;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0}
.card>h2:first-child{margin-top:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem}
.facts dt{font-weight:700}
.facts dd{margin:0}
.facts ul{margin:0;padding-left:1.1rem}
.address{white-space:pre-line}
.conditions{list-style:none;padding:0}
.conditions h2{font-size:1.1rem;margin:1rem 0 .25rem}
.conditions p{margin:0}
.table-scroll{overflow-x:auto}
table.compare{border-collapse:collapse;width:100%}
.compare caption{text-align:left;font-weight:700;margin-bottom:.5rem}
.compare th,.compare td{border:1px solid #d5dbe3;padding:.6rem;vertical-align:top;text-align:left}
.compare thead th{background:#eef4fb}
.crisis-panel{border:3px solid #a3112a;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0;background:#fff5f6}
.crisis-actions{list-style:none;padding:0;display:grid;gap:.6rem}
.stack fieldset,.field{margin:0 0 1.1rem;border:0;padding:0}
fieldset.question{border:1px solid #d5dbe3;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{display:block;padding:.2rem 0}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field label.choice{font-weight:400}
input[type=text],input[type=tel],input[type=email],select,textarea{width:100%;max-width:32rem;padding:.5rem;border:1px solid #6b7785;border-radius:.3rem;font:inherit}
input[type=radio],input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:-.15rem}
.invalid input,.invalid select,.invalid textarea{border:2px solid #a3112a}
.field-error{color:#a3112a;font-weight:600;margin:.2rem 0}
.error-summary{border:3px solid #a3112a;padding:.5rem 1rem;margin:1rem 0}
.required{font-weight:400;color:#4a5563}
.hint{color:#4a5563;margin:0 0 .5rem}
.privacy{font-size:.95rem;color:#39424e}
.honeypot{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.logo{max-width:160px;height:auto}
.site-footer{border-top:1px solid #d5dbe3;padding:1rem 0;font-size:.95rem;color:#39424e}
.plan-part{border:1px solid #d5dbe3;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid}
.plan-part h2{margin-top:0;font-size:1.15rem}
.print-hint{color:#39424e}
@media print{.skip,.crisis,.print-hint{display:none}.crisis-panel .button{border:0;padding:0;background:none;color:#000}a{color:#000;text-decoration:none}body{font-size:12pt}}
`;
