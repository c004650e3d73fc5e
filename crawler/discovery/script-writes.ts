// What a page's scripts write: navigation and pagers that exist only as `document.write` output
// (header includes, `for (…) document.write("<a href=\"index"+"_"+i+".html\">")` pagers,
// `document.write(headstr)`) and the address a redirect stub sends the browser to
// (`window.location.href = "…"`). The scripts run in a bare V8 context (node:vm) whose `document`,
// `window` and every other name are inert stand-ins created inside that context: nothing of the crawler
// is reachable from it, string code generation (eval, new Function) is off, and every script has a
// short time limit. Only two strings come back: the HTML written and the addresses assigned.
import vm from 'node:vm';

/** What the scripts of a page wrote and where they tried to send the browser. */
export interface ScriptWrites {
  html: string;
  locations: string[];
}

const PRELUDE = `(function (g) {
  var written = [], locations = [];
  function inert() { return stub; }
  var stub = new Proxy(function () {}, {
    get: function (t, k) {
      if (k === Symbol.toPrimitive) return function () { return ''; };
      if (k === 'toString' || k === 'valueOf') return function () { return ''; };
      if (k === 'length') return 0;
      if (k === 'then') return undefined;
      return stub;
    },
    set: function () { return true; },
    apply: inert, construct: inert,
    has: function () { return false; },
  });
  var loc = { href: '', search: '', hash: '', pathname: '/', host: '', hostname: '', protocol: 'http:',
    replace: function (u) { locations.push(String(u)); }, assign: function (u) { locations.push(String(u)); }, reload: function () {}, toString: function () { return ''; } };
  var hrefValue = '';
  Object.defineProperty(loc, 'href', { get: function () { return hrefValue; }, set: function (u) { locations.push(String(u)); } });
  var doc = new Proxy({
    write: function () { for (var i = 0; i < arguments.length; i++) written.push(String(arguments[i])); },
    writeln: function () { for (var i = 0; i < arguments.length; i++) written.push(String(arguments[i]) + '\\n'); },
    location: loc, cookie: '', referrer: '', title: '', URL: '', domain: '',
  }, { get: function (t, k) { return k in t ? t[k] : stub; }, set: function (t, k, v) { if (k === 'location') locations.push(String(v)); else t[k] = v; return true; } });
  g.document = doc; g.location = loc; g.window = g; g.self = g; g.top = g; g.parent = g;
  g.navigator = { userAgent: 'Mozilla/5.0', appName: 'Netscape', language: 'zh-CN', platform: 'Linux' };
  g.screen = { width: 1920, height: 1080 };
  g.setTimeout = g.setInterval = g.clearTimeout = g.clearInterval = function () { return 0; };
  g.$ = g.jQuery = g.XMLHttpRequest = g.ActiveXObject = g.Image = g.alert = g.console = g.localStorage = g.sessionStorage = g.fetch = stub;
  g.__mark = function () { return written.length * 100000 + locations.length; };
  g.__reset = function (m) { written.length = Math.floor(m / 100000); locations.length = m % 100000; };
  g.__writes = function () { return JSON.stringify({ html: written.join(''), locations: locations }); };
  g.__unknown = stub;
})(globalThis);`;

/** Runs the scripts in order in one fresh context; a script that throws keeps what it wrote before. */
export function scriptWrites(scripts: readonly string[], timeoutMs = 100): ScriptWrites {
  if (scripts.length === 0) return { html: '', locations: [] };
  // A sandbox without a prototype: nothing in the context leads back to this realm's Object or Function.
  const context = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  vm.runInContext(PRELUDE, context, { timeout: timeoutMs });
  for (const code of scripts) {
    // A name the script reads but never defined (a library we do not run) would throw: define it as
    // inert and run the script again from where it started (what it wrote before is dropped first).
    const mark = Number(vm.runInContext('__mark()', context, { timeout: timeoutMs }));
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) vm.runInContext(`__reset(${mark})`, context, { timeout: timeoutMs });
      try {
        vm.runInContext(code, context, { timeout: timeoutMs });
        break;
      } catch (error) {
        const name = String((error as Error)?.message ?? '').match(/^(\S+) is not defined$/)?.[1];
        if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) break;
        try { vm.runInContext(`globalThis[${JSON.stringify(name)}] = __unknown;`, context, { timeout: timeoutMs }); } catch { break; }
      }
    }
  }
  try {
    const out = JSON.parse(String(vm.runInContext('__writes()', context, { timeout: timeoutMs }))) as ScriptWrites;
    return { html: String(out.html ?? ''), locations: (out.locations ?? []).map(String).filter((u) => u && !/^javascript:/i.test(u)) };
  } catch {
    return { html: '', locations: [] };
  }
}

/** Library files that never carry a site's navigation (jQuery, frameworks, widgets, statistics). */
const LIBRARY = /(jquery|vue|react|angular|bootstrap|swiper|layui|layer|echarts|polyfill|moment|lodash|require|seajs|jweixin|wxa11y|barrier|aria|wza|md5|base64|gbk\.js|share|stat|analytics|cnzz|baidu|\.min\.js$|plugin|slide|scroll|carousel|datepicker|mdui|kcui|migrate)/i;

/** Names the navigation includes of the corpus carry: header/top/nav/menu/footer/link files, or a CMS's numeric id (jcms `2207041356586519.js`, 安徽 `31401621.js`). */
const NAVIGATION_INCLUDE = /(head|header|top|nav|menu|foot|footer|link|daohang|banner|\d{6,})[^/]*\.js$/i;

/** Same-host script includes worth reading for written navigation, at most `limit`. */
export function includeCandidates(srcs: readonly string[], pageUrl: string, limit = 8): string[] {
  const here = new URL(pageUrl);
  const out: string[] = [];
  for (const src of srcs) {
    let url: URL;
    try { url = new URL(src, pageUrl); } catch { continue; }
    if (url.host !== here.host || !/\.js$/i.test(url.pathname)) continue;
    const name = url.pathname.split('/').pop() ?? '';
    if (LIBRARY.test(name) || !NAVIGATION_INCLUDE.test(name)) continue;
    url.hash = '';
    if (!out.includes(url.toString())) out.push(url.toString());
    if (out.length >= limit) break;
  }
  return out;
}
