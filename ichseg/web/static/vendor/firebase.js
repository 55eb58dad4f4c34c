const gd = () => {
};
const _u = function(n) {
  const e = [];
  let t = 0;
  for (let r = 0; r < n.length; r++) {
    let s = n.charCodeAt(r);
    s < 128 ? e[t++] = s : s < 2048 ? (e[t++] = s >> 6 | 192, e[t++] = s & 63 | 128) : (s & 64512) === 55296 && r + 1 < n.length && (n.charCodeAt(r + 1) & 64512) === 56320 ? (s = 65536 + ((s & 1023) << 10) + (n.charCodeAt(++r) & 1023), e[t++] = s >> 18 | 240, e[t++] = s >> 12 & 63 | 128, e[t++] = s >> 6 & 63 | 128, e[t++] = s & 63 | 128) : (e[t++] = s >> 12 | 224, e[t++] = s >> 6 & 63 | 128, e[t++] = s & 63 | 128);
  }
  return e;
}, _d = function(n) {
  const e = [];
  let t = 0, r = 0;
  for (; t < n.length; ) {
    const s = n[t++];
    if (s < 128)
      e[r++] = String.fromCharCode(s);
    else if (s > 191 && s < 224) {
      const o = n[t++];
      e[r++] = String.fromCharCode((s & 31) << 6 | o & 63);
    } else if (s > 239 && s < 365) {
      const o = n[t++], a = n[t++], u = n[t++], h = ((s & 7) << 18 | (o & 63) << 12 | (a & 63) << 6 | u & 63) - 65536;
      e[r++] = String.fromCharCode(55296 + (h >> 10)), e[r++] = String.fromCharCode(56320 + (h & 1023));
    } else {
      const o = n[t++], a = n[t++];
      e[r++] = String.fromCharCode((s & 15) << 12 | (o & 63) << 6 | a & 63);
    }
  }
  return e.join("");
}, yu = {
  /**
   * Maps bytes to characters.
   */
  byteToCharMap_: null,
  /**
   * Maps characters to bytes.
   */
  charToByteMap_: null,
  /**
   * Maps bytes to websafe characters.
   * @private
   */
  byteToCharMapWebSafe_: null,
  /**
   * Maps websafe characters to bytes.
   * @private
   */
  charToByteMapWebSafe_: null,
  /**
   * Our default alphabet, shared between
   * ENCODED_VALS and ENCODED_VALS_WEBSAFE
   */
  ENCODED_VALS_BASE: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  /**
   * Our default alphabet. Value 64 (=) is special; it means "nothing."
   */
  get ENCODED_VALS() {
    return this.ENCODED_VALS_BASE + "+/=";
  },
  /**
   * Our websafe alphabet.
   */
  get ENCODED_VALS_WEBSAFE() {
    return this.ENCODED_VALS_BASE + "-_.";
  },
  /**
   * Whether this browser supports the atob and btoa functions. This extension
   * started at Mozilla but is now implemented by many browsers. We use the
   * ASSUME_* variables to avoid pulling in the full useragent detection library
   * but still allowing the standard per-browser compilations.
   *
   */
  HAS_NATIVE_SUPPORT: typeof atob == "function",
  /**
   * Base64-encode an array of bytes.
   *
   * @param input An array of bytes (numbers with
   *     value in [0, 255]) to encode.
   * @param webSafe Boolean indicating we should use the
   *     alternative alphabet.
   * @return The base64 encoded string.
   */
  encodeByteArray(n, e) {
    if (!Array.isArray(n))
      throw Error("encodeByteArray takes an array as a parameter");
    this.init_();
    const t = e ? this.byteToCharMapWebSafe_ : this.byteToCharMap_, r = [];
    for (let s = 0; s < n.length; s += 3) {
      const o = n[s], a = s + 1 < n.length, u = a ? n[s + 1] : 0, h = s + 2 < n.length, d = h ? n[s + 2] : 0, p = o >> 2, I = (o & 3) << 4 | u >> 4;
      let A = (u & 15) << 2 | d >> 6, C = d & 63;
      h || (C = 64, a || (A = 64)), r.push(t[p], t[I], t[A], t[C]);
    }
    return r.join("");
  },
  /**
   * Base64-encode a string.
   *
   * @param input A string to encode.
   * @param webSafe If true, we should use the
   *     alternative alphabet.
   * @return The base64 encoded string.
   */
  encodeString(n, e) {
    return this.HAS_NATIVE_SUPPORT && !e ? btoa(n) : this.encodeByteArray(_u(n), e);
  },
  /**
   * Base64-decode a string.
   *
   * @param input to decode.
   * @param webSafe True if we should use the
   *     alternative alphabet.
   * @return string representing the decoded value.
   */
  decodeString(n, e) {
    return this.HAS_NATIVE_SUPPORT && !e ? atob(n) : _d(this.decodeStringToByteArray(n, e));
  },
  /**
   * Base64-decode a string.
   *
   * In base-64 decoding, groups of four characters are converted into three
   * bytes.  If the encoder did not apply padding, the input length may not
   * be a multiple of 4.
   *
   * In this case, the last group will have fewer than 4 characters, and
   * padding will be inferred.  If the group has one or two characters, it decodes
   * to one byte.  If the group has three characters, it decodes to two bytes.
   *
   * @param input Input to decode.
   * @param webSafe True if we should use the web-safe alphabet.
   * @return bytes representing the decoded value.
   */
  decodeStringToByteArray(n, e) {
    this.init_();
    const t = e ? this.charToByteMapWebSafe_ : this.charToByteMap_, r = [];
    for (let s = 0; s < n.length; ) {
      const o = t[n.charAt(s++)], u = s < n.length ? t[n.charAt(s)] : 0;
      ++s;
      const d = s < n.length ? t[n.charAt(s)] : 64;
      ++s;
      const I = s < n.length ? t[n.charAt(s)] : 64;
      if (++s, o == null || u == null || d == null || I == null)
        throw new yd();
      const A = o << 2 | u >> 4;
      if (r.push(A), d !== 64) {
        const C = u << 4 & 240 | d >> 2;
        if (r.push(C), I !== 64) {
          const D = d << 6 & 192 | I;
          r.push(D);
        }
      }
    }
    return r;
  },
  /**
   * Lazy static initialization function. Called before
   * accessing any of the static map variables.
   * @private
   */
  init_() {
    if (!this.byteToCharMap_) {
      this.byteToCharMap_ = {}, this.charToByteMap_ = {}, this.byteToCharMapWebSafe_ = {}, this.charToByteMapWebSafe_ = {};
      for (let n = 0; n < this.ENCODED_VALS.length; n++)
        this.byteToCharMap_[n] = this.ENCODED_VALS.charAt(n), this.charToByteMap_[this.byteToCharMap_[n]] = n, this.byteToCharMapWebSafe_[n] = this.ENCODED_VALS_WEBSAFE.charAt(n), this.charToByteMapWebSafe_[this.byteToCharMapWebSafe_[n]] = n, n >= this.ENCODED_VALS_BASE.length && (this.charToByteMap_[this.ENCODED_VALS_WEBSAFE.charAt(n)] = n, this.charToByteMapWebSafe_[this.ENCODED_VALS.charAt(n)] = n);
    }
  }
};
class yd extends Error {
  constructor() {
    super(...arguments), this.name = "DecodeBase64StringError";
  }
}
const Ed = function(n) {
  const e = _u(n);
  return yu.encodeByteArray(e, !0);
}, Qr = function(n) {
  return Ed(n).replace(/\./g, "");
}, Eu = function(n) {
  try {
    return yu.decodeString(n, !0);
  } catch (e) {
    console.error("base64Decode failed: ", e);
  }
  return null;
};
function Id() {
  if (typeof self < "u")
    return self;
  if (typeof window < "u")
    return window;
  if (typeof global < "u")
    return global;
  throw new Error("Unable to locate global object.");
}
const Td = () => Id().__FIREBASE_DEFAULTS__, wd = () => {
  if (typeof process > "u" || typeof process.env > "u")
    return;
  const n = process.env.__FIREBASE_DEFAULTS__;
  if (n)
    return JSON.parse(n);
}, vd = () => {
  if (typeof document > "u")
    return;
  let n;
  try {
    n = document.cookie.match(/__FIREBASE_DEFAULTS__=([^;]+)/);
  } catch {
    return;
  }
  const e = n && Eu(n[1]);
  return e && JSON.parse(e);
}, ps = () => {
  try {
    return gd() || Td() || wd() || vd();
  } catch (n) {
    console.info(`Unable to get __FIREBASE_DEFAULTS__ due to: ${n}`);
    return;
  }
}, Iu = (n) => ps()?.emulatorHosts?.[n], Ad = (n) => {
  const e = Iu(n);
  if (!e)
    return;
  const t = e.lastIndexOf(":");
  if (t <= 0 || t + 1 === e.length)
    throw new Error(`Invalid host ${e} with no separate hostname and port!`);
  const r = parseInt(e.substring(t + 1), 10);
  return e[0] === "[" ? [e.substring(1, t - 1), r] : [e.substring(0, t), r];
}, Tu = () => ps()?.config, wu = (n) => ps()?.[`_${n}`];
class Rd {
  constructor() {
    this.reject = () => {
    }, this.resolve = () => {
    }, this.promise = new Promise((e, t) => {
      this.resolve = e, this.reject = t;
    });
  }
  /**
   * Our API internals are not promisified and cannot because our callback APIs have subtle expectations around
   * invoking promises inline, which Promises are forbidden to do. This method accepts an optional node-style callback
   * and returns a node-style callback which will resolve or reject the Deferred's promise.
   */
  wrapCallback(e) {
    return (t, r) => {
      t ? this.reject(t) : this.resolve(r), typeof e == "function" && (this.promise.catch(() => {
      }), e.length === 1 ? e(t) : e(t, r));
    };
  }
}
function fn(n) {
  try {
    return (n.startsWith("http://") || n.startsWith("https://") ? new URL(n).hostname : n).endsWith(".cloudworkstations.dev");
  } catch {
    return !1;
  }
}
async function vu(n) {
  return (await fetch(n, {
    credentials: "include"
  })).ok;
}
function Sd(n, e) {
  if (n.uid)
    throw new Error('The "uid" field is no longer supported by mockUserToken. Please use "sub" instead for Firebase Auth User ID.');
  const t = {
    alg: "none",
    type: "JWT"
  }, r = e || "demo-project", s = n.iat || 0, o = n.sub || n.user_id;
  if (!o)
    throw new Error("mockUserToken must contain 'sub' or 'user_id' field!");
  const a = {
    // Set all required fields to decent defaults
    iss: `https://securetoken.google.com/${r}`,
    aud: r,
    iat: s,
    exp: s + 3600,
    auth_time: s,
    sub: o,
    user_id: o,
    firebase: {
      sign_in_provider: "custom",
      identities: {}
    },
    // Override with user options
    ...n
  };
  return [
    Qr(JSON.stringify(t)),
    Qr(JSON.stringify(a)),
    ""
  ].join(".");
}
const Gn = {};
function Pd() {
  const n = {
    prod: [],
    emulator: []
  };
  for (const e of Object.keys(Gn))
    Gn[e] ? n.emulator.push(e) : n.prod.push(e);
  return n;
}
function Cd(n) {
  let e = document.getElementById(n), t = !1;
  return e || (e = document.createElement("div"), e.setAttribute("id", n), t = !0), { created: t, element: e };
}
let Fa = !1;
function Au(n, e) {
  if (typeof window > "u" || typeof document > "u" || !fn(window.location.host) || Gn[n] === e || Gn[n] || // If already set to use emulator, can't go back to prod.
  Fa)
    return;
  Gn[n] = e;
  function t(A) {
    return `__firebase__banner__${A}`;
  }
  const r = "__firebase__banner", o = Pd().prod.length > 0;
  function a() {
    const A = document.getElementById(r);
    A && A.remove();
  }
  function u(A) {
    A.style.display = "flex", A.style.background = "#7faaf0", A.style.position = "fixed", A.style.bottom = "5px", A.style.left = "5px", A.style.padding = ".5em", A.style.borderRadius = "5px", A.style.alignItems = "center";
  }
  function h(A, C) {
    A.setAttribute("width", "24"), A.setAttribute("id", C), A.setAttribute("height", "24"), A.setAttribute("viewBox", "0 0 24 24"), A.setAttribute("fill", "none"), A.style.marginLeft = "-6px";
  }
  function d() {
    const A = document.createElement("span");
    return A.style.cursor = "pointer", A.style.marginLeft = "16px", A.style.fontSize = "24px", A.innerHTML = " &times;", A.onclick = () => {
      Fa = !0, a();
    }, A;
  }
  function p(A, C) {
    A.setAttribute("id", C), A.innerText = "Learn more", A.href = "https://firebase.google.com/docs/studio/preview-apps#preview-backend", A.setAttribute("target", "__blank"), A.style.paddingLeft = "5px", A.style.textDecoration = "underline";
  }
  function I() {
    const A = Cd(r), C = t("text"), D = document.getElementById(C) || document.createElement("span"), M = t("learnmore"), L = document.getElementById(M) || document.createElement("a"), z = t("preprendIcon"), G = document.getElementById(z) || document.createElementNS("http://www.w3.org/2000/svg", "svg");
    if (A.created) {
      const X = A.element;
      u(X), p(L, M);
      const me = d();
      h(G, z), X.append(G, D, L, me), document.body.appendChild(X);
    }
    o ? (D.innerText = "Preview backend disconnected.", G.innerHTML = `<g clip-path="url(#clip0_6013_33858)">
<path d="M4.8 17.6L12 5.6L19.2 17.6H4.8ZM6.91667 16.4H17.0833L12 7.93333L6.91667 16.4ZM12 15.6C12.1667 15.6 12.3056 15.5444 12.4167 15.4333C12.5389 15.3111 12.6 15.1667 12.6 15C12.6 14.8333 12.5389 14.6944 12.4167 14.5833C12.3056 14.4611 12.1667 14.4 12 14.4C11.8333 14.4 11.6889 14.4611 11.5667 14.5833C11.4556 14.6944 11.4 14.8333 11.4 15C11.4 15.1667 11.4556 15.3111 11.5667 15.4333C11.6889 15.5444 11.8333 15.6 12 15.6ZM11.4 13.6H12.6V10.4H11.4V13.6Z" fill="#212121"/>
</g>
<defs>
<clipPath id="clip0_6013_33858">
<rect width="24" height="24" fill="white"/>
</clipPath>
</defs>`) : (G.innerHTML = `<g clip-path="url(#clip0_6083_34804)">
<path d="M11.4 15.2H12.6V11.2H11.4V15.2ZM12 10C12.1667 10 12.3056 9.94444 12.4167 9.83333C12.5389 9.71111 12.6 9.56667 12.6 9.4C12.6 9.23333 12.5389 9.09444 12.4167 8.98333C12.3056 8.86111 12.1667 8.8 12 8.8C11.8333 8.8 11.6889 8.86111 11.5667 8.98333C11.4556 9.09444 11.4 9.23333 11.4 9.4C11.4 9.56667 11.4556 9.71111 11.5667 9.83333C11.6889 9.94444 11.8333 10 12 10ZM12 18.4C11.1222 18.4 10.2944 18.2333 9.51667 17.9C8.73889 17.5667 8.05556 17.1111 7.46667 16.5333C6.88889 15.9444 6.43333 15.2611 6.1 14.4833C5.76667 13.7056 5.6 12.8778 5.6 12C5.6 11.1111 5.76667 10.2833 6.1 9.51667C6.43333 8.73889 6.88889 8.06111 7.46667 7.48333C8.05556 6.89444 8.73889 6.43333 9.51667 6.1C10.2944 5.76667 11.1222 5.6 12 5.6C12.8889 5.6 13.7167 5.76667 14.4833 6.1C15.2611 6.43333 15.9389 6.89444 16.5167 7.48333C17.1056 8.06111 17.5667 8.73889 17.9 9.51667C18.2333 10.2833 18.4 11.1111 18.4 12C18.4 12.8778 18.2333 13.7056 17.9 14.4833C17.5667 15.2611 17.1056 15.9444 16.5167 16.5333C15.9389 17.1111 15.2611 17.5667 14.4833 17.9C13.7167 18.2333 12.8889 18.4 12 18.4ZM12 17.2C13.4444 17.2 14.6722 16.6944 15.6833 15.6833C16.6944 14.6722 17.2 13.4444 17.2 12C17.2 10.5556 16.6944 9.32778 15.6833 8.31667C14.6722 7.30555 13.4444 6.8 12 6.8C10.5556 6.8 9.32778 7.30555 8.31667 8.31667C7.30556 9.32778 6.8 10.5556 6.8 12C6.8 13.4444 7.30556 14.6722 8.31667 15.6833C9.32778 16.6944 10.5556 17.2 12 17.2Z" fill="#212121"/>
</g>
<defs>
<clipPath id="clip0_6083_34804">
<rect width="24" height="24" fill="white"/>
</clipPath>
</defs>`, D.innerText = "Preview backend running in this workspace."), D.setAttribute("id", C);
  }
  document.readyState === "loading" ? window.addEventListener("DOMContentLoaded", I) : I();
}
function Te() {
  return typeof navigator < "u" && typeof navigator.userAgent == "string" ? navigator.userAgent : "";
}
function bd() {
  return typeof window < "u" && // @ts-ignore Setting up an broadly applicable index signature for Window
  // just to deal with this case would probably be a bad idea.
  !!(window.cordova || window.phonegap || window.PhoneGap) && /ios|iphone|ipod|ipad|android|blackberry|iemobile/i.test(Te());
}
function kd() {
  const n = ps()?.forceEnvironment;
  if (n === "node")
    return !0;
  if (n === "browser")
    return !1;
  try {
    return Object.prototype.toString.call(global.process) === "[object process]";
  } catch {
    return !1;
  }
}
function Vd() {
  return typeof navigator < "u" && navigator.userAgent === "Cloudflare-Workers";
}
function Nd() {
  const n = typeof chrome == "object" ? chrome.runtime : typeof browser == "object" ? browser.runtime : void 0;
  return typeof n == "object" && n.id !== void 0;
}
function Dd() {
  return typeof navigator == "object" && navigator.product === "ReactNative";
}
function Od() {
  const n = Te();
  return n.indexOf("MSIE ") >= 0 || n.indexOf("Trident/") >= 0;
}
function Ld() {
  return !kd() && !!navigator.userAgent && navigator.userAgent.includes("Safari") && !navigator.userAgent.includes("Chrome");
}
function Md() {
  try {
    return typeof indexedDB == "object";
  } catch {
    return !1;
  }
}
function xd() {
  return new Promise((n, e) => {
    try {
      let t = !0;
      const r = "validate-browser-context-for-indexeddb-analytics-module", s = self.indexedDB.open(r);
      s.onsuccess = () => {
        s.result.close(), t || self.indexedDB.deleteDatabase(r), n(!0);
      }, s.onupgradeneeded = () => {
        t = !1;
      }, s.onerror = () => {
        e(s.error?.message || "");
      };
    } catch (t) {
      e(t);
    }
  });
}
const Fd = "FirebaseError";
class Ye extends Error {
  constructor(e, t, r) {
    super(t), this.code = e, this.customData = r, this.name = Fd, Object.setPrototypeOf(this, Ye.prototype), Error.captureStackTrace && Error.captureStackTrace(this, lr.prototype.create);
  }
}
class lr {
  constructor(e, t, r) {
    this.service = e, this.serviceName = t, this.errors = r;
  }
  create(e, ...t) {
    const r = t[0] || {}, s = `${this.service}/${e}`, o = this.errors[e], a = o ? Ud(o, r) : "Error", u = `${this.serviceName}: ${a} (${s}).`;
    return new Ye(s, u, r);
  }
}
function Ud(n, e) {
  return n.replace(Bd, (t, r) => {
    const s = e[r];
    return s != null ? String(s) : `<${r}?>`;
  });
}
const Bd = /\{\$([^}]+)}/g;
function qd(n) {
  for (const e in n)
    if (Object.prototype.hasOwnProperty.call(n, e))
      return !1;
  return !0;
}
function Mt(n, e) {
  if (n === e)
    return !0;
  const t = Object.keys(n), r = Object.keys(e);
  for (const s of t) {
    if (!r.includes(s))
      return !1;
    const o = n[s], a = e[s];
    if (Ua(o) && Ua(a)) {
      if (!Mt(o, a))
        return !1;
    } else if (o !== a)
      return !1;
  }
  for (const s of r)
    if (!t.includes(s))
      return !1;
  return !0;
}
function Ua(n) {
  return n !== null && typeof n == "object";
}
function pn(n) {
  const e = [];
  for (const [t, r] of Object.entries(n))
    Array.isArray(r) ? r.forEach((s) => {
      e.push(encodeURIComponent(t) + "=" + encodeURIComponent(s));
    }) : e.push(encodeURIComponent(t) + "=" + encodeURIComponent(r));
  return e.length ? "&" + e.join("&") : "";
}
function Bn(n) {
  const e = {};
  return n.replace(/^\?/, "").split("&").forEach((r) => {
    if (r) {
      const [s, o] = r.split("=");
      e[decodeURIComponent(s)] = decodeURIComponent(o);
    }
  }), e;
}
function qn(n) {
  const e = n.indexOf("?");
  if (!e)
    return "";
  const t = n.indexOf("#", e);
  return n.substring(e, t > 0 ? t : void 0);
}
function jd(n, e) {
  const t = new $d(n, e);
  return t.subscribe.bind(t);
}
class $d {
  /**
   * @param executor Function which can make calls to a single Observer
   *     as a proxy.
   * @param onNoObservers Callback when count of Observers goes to zero.
   */
  constructor(e, t) {
    this.observers = [], this.unsubscribes = [], this.observerCount = 0, this.task = Promise.resolve(), this.finalized = !1, this.onNoObservers = t, this.task.then(() => {
      e(this);
    }).catch((r) => {
      this.error(r);
    });
  }
  next(e) {
    this.forEachObserver((t) => {
      t.next(e);
    });
  }
  error(e) {
    this.forEachObserver((t) => {
      t.error(e);
    }), this.close(e);
  }
  complete() {
    this.forEachObserver((e) => {
      e.complete();
    }), this.close();
  }
  /**
   * Subscribe function that can be used to add an Observer to the fan-out list.
   *
   * - We require that no event is sent to a subscriber synchronously to their
   *   call to subscribe().
   */
  subscribe(e, t, r) {
    let s;
    if (e === void 0 && t === void 0 && r === void 0)
      throw new Error("Missing Observer.");
    Hd(e, [
      "next",
      "error",
      "complete"
    ]) ? s = e : s = {
      next: e,
      error: t,
      complete: r
    }, s.next === void 0 && (s.next = ni), s.error === void 0 && (s.error = ni), s.complete === void 0 && (s.complete = ni);
    const o = this.unsubscribeOne.bind(this, this.observers.length);
    return this.finalized && this.task.then(() => {
      try {
        this.finalError ? s.error(this.finalError) : s.complete();
      } catch {
      }
    }), this.observers.push(s), o;
  }
  // Unsubscribe is synchronous - we guarantee that no events are sent to
  // any unsubscribed Observer.
  unsubscribeOne(e) {
    this.observers === void 0 || this.observers[e] === void 0 || (delete this.observers[e], this.observerCount -= 1, this.observerCount === 0 && this.onNoObservers !== void 0 && this.onNoObservers(this));
  }
  forEachObserver(e) {
    if (!this.finalized)
      for (let t = 0; t < this.observers.length; t++)
        this.sendOne(t, e);
  }
  // Call the Observer via one of it's callback function. We are careful to
  // confirm that the observe has not been unsubscribed since this asynchronous
  // function had been queued.
  sendOne(e, t) {
    this.task.then(() => {
      if (this.observers !== void 0 && this.observers[e] !== void 0)
        try {
          t(this.observers[e]);
        } catch (r) {
          typeof console < "u" && console.error && console.error(r);
        }
    });
  }
  close(e) {
    this.finalized || (this.finalized = !0, e !== void 0 && (this.finalError = e), this.task.then(() => {
      this.observers = void 0, this.onNoObservers = void 0;
    }));
  }
}
function Hd(n, e) {
  if (typeof n != "object" || n === null)
    return !1;
  for (const t of e)
    if (t in n && typeof n[t] == "function")
      return !0;
  return !1;
}
function ni() {
}
function ae(n) {
  return n && n._delegate ? n._delegate : n;
}
class xt {
  /**
   *
   * @param name The public service name, e.g. app, auth, firestore, database
   * @param instanceFactory Service factory responsible for creating the public interface
   * @param type whether the service provided by the component is public or private
   */
  constructor(e, t, r) {
    this.name = e, this.instanceFactory = t, this.type = r, this.multipleInstances = !1, this.serviceProps = {}, this.instantiationMode = "LAZY", this.onInstanceCreated = null;
  }
  setInstantiationMode(e) {
    return this.instantiationMode = e, this;
  }
  setMultipleInstances(e) {
    return this.multipleInstances = e, this;
  }
  setServiceProps(e) {
    return this.serviceProps = e, this;
  }
  setInstanceCreatedCallback(e) {
    return this.onInstanceCreated = e, this;
  }
}
const kt = "[DEFAULT]";
class zd {
  constructor(e, t) {
    this.name = e, this.container = t, this.component = null, this.instances = /* @__PURE__ */ new Map(), this.instancesDeferred = /* @__PURE__ */ new Map(), this.instancesOptions = /* @__PURE__ */ new Map(), this.onInitCallbacks = /* @__PURE__ */ new Map();
  }
  /**
   * @param identifier A provider can provide multiple instances of a service
   * if this.component.multipleInstances is true.
   */
  get(e) {
    const t = this.normalizeInstanceIdentifier(e);
    if (!this.instancesDeferred.has(t)) {
      const r = new Rd();
      if (this.instancesDeferred.set(t, r), this.isInitialized(t) || this.shouldAutoInitialize())
        try {
          const s = this.getOrInitializeService({
            instanceIdentifier: t
          });
          s && r.resolve(s);
        } catch {
        }
    }
    return this.instancesDeferred.get(t).promise;
  }
  getImmediate(e) {
    const t = this.normalizeInstanceIdentifier(e?.identifier), r = e?.optional ?? !1;
    if (this.isInitialized(t) || this.shouldAutoInitialize())
      try {
        return this.getOrInitializeService({
          instanceIdentifier: t
        });
      } catch (s) {
        if (r)
          return null;
        throw s;
      }
    else {
      if (r)
        return null;
      throw Error(`Service ${this.name} is not available`);
    }
  }
  getComponent() {
    return this.component;
  }
  setComponent(e) {
    if (e.name !== this.name)
      throw Error(`Mismatching Component ${e.name} for Provider ${this.name}.`);
    if (this.component)
      throw Error(`Component for ${this.name} has already been provided`);
    if (this.component = e, !!this.shouldAutoInitialize()) {
      if (Gd(e))
        try {
          this.getOrInitializeService({ instanceIdentifier: kt });
        } catch {
        }
      for (const [t, r] of this.instancesDeferred.entries()) {
        const s = this.normalizeInstanceIdentifier(t);
        try {
          const o = this.getOrInitializeService({
            instanceIdentifier: s
          });
          r.resolve(o);
        } catch {
        }
      }
    }
  }
  clearInstance(e = kt) {
    this.instancesDeferred.delete(e), this.instancesOptions.delete(e), this.instances.delete(e);
  }
  // app.delete() will call this method on every provider to delete the services
  // TODO: should we mark the provider as deleted?
  async delete() {
    const e = Array.from(this.instances.values());
    await Promise.all([
      ...e.filter((t) => "INTERNAL" in t).map((t) => t.INTERNAL.delete()),
      ...e.filter((t) => "_delete" in t).map((t) => t._delete())
    ]);
  }
  isComponentSet() {
    return this.component != null;
  }
  isInitialized(e = kt) {
    return this.instances.has(e);
  }
  getOptions(e = kt) {
    return this.instancesOptions.get(e) || {};
  }
  initialize(e = {}) {
    const { options: t = {} } = e, r = this.normalizeInstanceIdentifier(e.instanceIdentifier);
    if (this.isInitialized(r))
      throw Error(`${this.name}(${r}) has already been initialized`);
    if (!this.isComponentSet())
      throw Error(`Component ${this.name} has not been registered yet`);
    const s = this.getOrInitializeService({
      instanceIdentifier: r,
      options: t
    });
    for (const [o, a] of this.instancesDeferred.entries()) {
      const u = this.normalizeInstanceIdentifier(o);
      r === u && a.resolve(s);
    }
    return s;
  }
  /**
   *
   * @param callback - a function that will be invoked  after the provider has been initialized by calling provider.initialize().
   * The function is invoked SYNCHRONOUSLY, so it should not execute any longrunning tasks in order to not block the program.
   *
   * @param identifier An optional instance identifier
   * @returns a function to unregister the callback
   */
  onInit(e, t) {
    const r = this.normalizeInstanceIdentifier(t), s = this.onInitCallbacks.get(r) ?? /* @__PURE__ */ new Set();
    s.add(e), this.onInitCallbacks.set(r, s);
    const o = this.instances.get(r);
    return o && e(o, r), () => {
      s.delete(e);
    };
  }
  /**
   * Invoke onInit callbacks synchronously
   * @param instance the service instance`
   */
  invokeOnInitCallbacks(e, t) {
    const r = this.onInitCallbacks.get(t);
    if (r)
      for (const s of r)
        try {
          s(e, t);
        } catch {
        }
  }
  getOrInitializeService({ instanceIdentifier: e, options: t = {} }) {
    let r = this.instances.get(e);
    if (!r && this.component && (r = this.component.instanceFactory(this.container, {
      instanceIdentifier: Wd(e),
      options: t
    }), this.instances.set(e, r), this.instancesOptions.set(e, t), this.invokeOnInitCallbacks(r, e), this.component.onInstanceCreated))
      try {
        this.component.onInstanceCreated(this.container, e, r);
      } catch {
      }
    return r || null;
  }
  normalizeInstanceIdentifier(e = kt) {
    return this.component ? this.component.multipleInstances ? e : kt : e;
  }
  shouldAutoInitialize() {
    return !!this.component && this.component.instantiationMode !== "EXPLICIT";
  }
}
function Wd(n) {
  return n === kt ? void 0 : n;
}
function Gd(n) {
  return n.instantiationMode === "EAGER";
}
class Kd {
  constructor(e) {
    this.name = e, this.providers = /* @__PURE__ */ new Map();
  }
  /**
   *
   * @param component Component being added
   * @param overwrite When a component with the same name has already been registered,
   * if overwrite is true: overwrite the existing component with the new component and create a new
   * provider with the new component. It can be useful in tests where you want to use different mocks
   * for different tests.
   * if overwrite is false: throw an exception
   */
  addComponent(e) {
    const t = this.getProvider(e.name);
    if (t.isComponentSet())
      throw new Error(`Component ${e.name} has already been registered with ${this.name}`);
    t.setComponent(e);
  }
  addOrOverwriteComponent(e) {
    this.getProvider(e.name).isComponentSet() && this.providers.delete(e.name), this.addComponent(e);
  }
  /**
   * getProvider provides a type safe interface where it can only be called with a field name
   * present in NameServiceMapping interface.
   *
   * Firebase SDKs providing services should extend NameServiceMapping interface to register
   * themselves.
   */
  getProvider(e) {
    if (this.providers.has(e))
      return this.providers.get(e);
    const t = new zd(e, this);
    return this.providers.set(e, t), t;
  }
  getProviders() {
    return Array.from(this.providers.values());
  }
}
var B;
(function(n) {
  n[n.DEBUG = 0] = "DEBUG", n[n.VERBOSE = 1] = "VERBOSE", n[n.INFO = 2] = "INFO", n[n.WARN = 3] = "WARN", n[n.ERROR = 4] = "ERROR", n[n.SILENT = 5] = "SILENT";
})(B || (B = {}));
const Qd = {
  debug: B.DEBUG,
  verbose: B.VERBOSE,
  info: B.INFO,
  warn: B.WARN,
  error: B.ERROR,
  silent: B.SILENT
}, Jd = B.INFO, Yd = {
  [B.DEBUG]: "log",
  [B.VERBOSE]: "log",
  [B.INFO]: "info",
  [B.WARN]: "warn",
  [B.ERROR]: "error"
}, Xd = (n, e, ...t) => {
  if (e < n.logLevel)
    return;
  const r = (/* @__PURE__ */ new Date()).toISOString(), s = Yd[e];
  if (s)
    console[s](`[${r}]  ${n.name}:`, ...t);
  else
    throw new Error(`Attempted to log a message with an invalid logType (value: ${e})`);
};
class $i {
  /**
   * Gives you an instance of a Logger to capture messages according to
   * Firebase's logging scheme.
   *
   * @param name The name that the logs will be associated with
   */
  constructor(e) {
    this.name = e, this._logLevel = Jd, this._logHandler = Xd, this._userLogHandler = null;
  }
  get logLevel() {
    return this._logLevel;
  }
  set logLevel(e) {
    if (!(e in B))
      throw new TypeError(`Invalid value "${e}" assigned to \`logLevel\``);
    this._logLevel = e;
  }
  // Workaround for setter/getter having to be the same type.
  setLogLevel(e) {
    this._logLevel = typeof e == "string" ? Qd[e] : e;
  }
  get logHandler() {
    return this._logHandler;
  }
  set logHandler(e) {
    if (typeof e != "function")
      throw new TypeError("Value assigned to `logHandler` must be a function");
    this._logHandler = e;
  }
  get userLogHandler() {
    return this._userLogHandler;
  }
  set userLogHandler(e) {
    this._userLogHandler = e;
  }
  /**
   * The functions below are all based on the `console` interface
   */
  debug(...e) {
    this._userLogHandler && this._userLogHandler(this, B.DEBUG, ...e), this._logHandler(this, B.DEBUG, ...e);
  }
  log(...e) {
    this._userLogHandler && this._userLogHandler(this, B.VERBOSE, ...e), this._logHandler(this, B.VERBOSE, ...e);
  }
  info(...e) {
    this._userLogHandler && this._userLogHandler(this, B.INFO, ...e), this._logHandler(this, B.INFO, ...e);
  }
  warn(...e) {
    this._userLogHandler && this._userLogHandler(this, B.WARN, ...e), this._logHandler(this, B.WARN, ...e);
  }
  error(...e) {
    this._userLogHandler && this._userLogHandler(this, B.ERROR, ...e), this._logHandler(this, B.ERROR, ...e);
  }
}
const Zd = (n, e) => e.some((t) => n instanceof t);
let Ba, qa;
function ef() {
  return Ba || (Ba = [
    IDBDatabase,
    IDBObjectStore,
    IDBIndex,
    IDBCursor,
    IDBTransaction
  ]);
}
function tf() {
  return qa || (qa = [
    IDBCursor.prototype.advance,
    IDBCursor.prototype.continue,
    IDBCursor.prototype.continuePrimaryKey
  ]);
}
const Ru = /* @__PURE__ */ new WeakMap(), _i = /* @__PURE__ */ new WeakMap(), Su = /* @__PURE__ */ new WeakMap(), ri = /* @__PURE__ */ new WeakMap(), Hi = /* @__PURE__ */ new WeakMap();
function nf(n) {
  const e = new Promise((t, r) => {
    const s = () => {
      n.removeEventListener("success", o), n.removeEventListener("error", a);
    }, o = () => {
      t(ht(n.result)), s();
    }, a = () => {
      r(n.error), s();
    };
    n.addEventListener("success", o), n.addEventListener("error", a);
  });
  return e.then((t) => {
    t instanceof IDBCursor && Ru.set(t, n);
  }).catch(() => {
  }), Hi.set(e, n), e;
}
function rf(n) {
  if (_i.has(n))
    return;
  const e = new Promise((t, r) => {
    const s = () => {
      n.removeEventListener("complete", o), n.removeEventListener("error", a), n.removeEventListener("abort", a);
    }, o = () => {
      t(), s();
    }, a = () => {
      r(n.error || new DOMException("AbortError", "AbortError")), s();
    };
    n.addEventListener("complete", o), n.addEventListener("error", a), n.addEventListener("abort", a);
  });
  _i.set(n, e);
}
let yi = {
  get(n, e, t) {
    if (n instanceof IDBTransaction) {
      if (e === "done")
        return _i.get(n);
      if (e === "objectStoreNames")
        return n.objectStoreNames || Su.get(n);
      if (e === "store")
        return t.objectStoreNames[1] ? void 0 : t.objectStore(t.objectStoreNames[0]);
    }
    return ht(n[e]);
  },
  set(n, e, t) {
    return n[e] = t, !0;
  },
  has(n, e) {
    return n instanceof IDBTransaction && (e === "done" || e === "store") ? !0 : e in n;
  }
};
function sf(n) {
  yi = n(yi);
}
function of(n) {
  return n === IDBDatabase.prototype.transaction && !("objectStoreNames" in IDBTransaction.prototype) ? function(e, ...t) {
    const r = n.call(si(this), e, ...t);
    return Su.set(r, e.sort ? e.sort() : [e]), ht(r);
  } : tf().includes(n) ? function(...e) {
    return n.apply(si(this), e), ht(Ru.get(this));
  } : function(...e) {
    return ht(n.apply(si(this), e));
  };
}
function af(n) {
  return typeof n == "function" ? of(n) : (n instanceof IDBTransaction && rf(n), Zd(n, ef()) ? new Proxy(n, yi) : n);
}
function ht(n) {
  if (n instanceof IDBRequest)
    return nf(n);
  if (ri.has(n))
    return ri.get(n);
  const e = af(n);
  return e !== n && (ri.set(n, e), Hi.set(e, n)), e;
}
const si = (n) => Hi.get(n);
function cf(n, e, { blocked: t, upgrade: r, blocking: s, terminated: o } = {}) {
  const a = indexedDB.open(n, e), u = ht(a);
  return r && a.addEventListener("upgradeneeded", (h) => {
    r(ht(a.result), h.oldVersion, h.newVersion, ht(a.transaction), h);
  }), t && a.addEventListener("blocked", (h) => t(
    // Casting due to https://github.com/microsoft/TypeScript-DOM-lib-generator/pull/1405
    h.oldVersion,
    h.newVersion,
    h
  )), u.then((h) => {
    o && h.addEventListener("close", () => o()), s && h.addEventListener("versionchange", (d) => s(d.oldVersion, d.newVersion, d));
  }).catch(() => {
  }), u;
}
const uf = ["get", "getKey", "getAll", "getAllKeys", "count"], lf = ["put", "add", "delete", "clear"], ii = /* @__PURE__ */ new Map();
function ja(n, e) {
  if (!(n instanceof IDBDatabase && !(e in n) && typeof e == "string"))
    return;
  if (ii.get(e))
    return ii.get(e);
  const t = e.replace(/FromIndex$/, ""), r = e !== t, s = lf.includes(t);
  if (
    // Bail if the target doesn't exist on the target. Eg, getAll isn't in Edge.
    !(t in (r ? IDBIndex : IDBObjectStore).prototype) || !(s || uf.includes(t))
  )
    return;
  const o = async function(a, ...u) {
    const h = this.transaction(a, s ? "readwrite" : "readonly");
    let d = h.store;
    return r && (d = d.index(u.shift())), (await Promise.all([
      d[t](...u),
      s && h.done
    ]))[0];
  };
  return ii.set(e, o), o;
}
sf((n) => ({
  ...n,
  get: (e, t, r) => ja(e, t) || n.get(e, t, r),
  has: (e, t) => !!ja(e, t) || n.has(e, t)
}));
class hf {
  constructor(e) {
    this.container = e;
  }
  // In initial implementation, this will be called by installations on
  // auth token refresh, and installations will send this string.
  getPlatformInfoString() {
    return this.container.getProviders().map((t) => {
      if (df(t)) {
        const r = t.getImmediate();
        return `${r.library}/${r.version}`;
      } else
        return null;
    }).filter((t) => t).join(" ");
  }
}
function df(n) {
  return n.getComponent()?.type === "VERSION";
}
const Ei = "@firebase/app", $a = "0.14.8";
const Ke = new $i("@firebase/app"), ff = "@firebase/app-compat", pf = "@firebase/analytics-compat", mf = "@firebase/analytics", gf = "@firebase/app-check-compat", _f = "@firebase/app-check", yf = "@firebase/auth", Ef = "@firebase/auth-compat", If = "@firebase/database", Tf = "@firebase/data-connect", wf = "@firebase/database-compat", vf = "@firebase/functions", Af = "@firebase/functions-compat", Rf = "@firebase/installations", Sf = "@firebase/installations-compat", Pf = "@firebase/messaging", Cf = "@firebase/messaging-compat", bf = "@firebase/performance", kf = "@firebase/performance-compat", Vf = "@firebase/remote-config", Nf = "@firebase/remote-config-compat", Df = "@firebase/storage", Of = "@firebase/storage-compat", Lf = "@firebase/firestore", Mf = "@firebase/ai", xf = "@firebase/firestore-compat", Ff = "firebase", Uf = "12.9.0";
const Ii = "[DEFAULT]", Bf = {
  [Ei]: "fire-core",
  [ff]: "fire-core-compat",
  [mf]: "fire-analytics",
  [pf]: "fire-analytics-compat",
  [_f]: "fire-app-check",
  [gf]: "fire-app-check-compat",
  [yf]: "fire-auth",
  [Ef]: "fire-auth-compat",
  [If]: "fire-rtdb",
  [Tf]: "fire-data-connect",
  [wf]: "fire-rtdb-compat",
  [vf]: "fire-fn",
  [Af]: "fire-fn-compat",
  [Rf]: "fire-iid",
  [Sf]: "fire-iid-compat",
  [Pf]: "fire-fcm",
  [Cf]: "fire-fcm-compat",
  [bf]: "fire-perf",
  [kf]: "fire-perf-compat",
  [Vf]: "fire-rc",
  [Nf]: "fire-rc-compat",
  [Df]: "fire-gcs",
  [Of]: "fire-gcs-compat",
  [Lf]: "fire-fst",
  [xf]: "fire-fst-compat",
  [Mf]: "fire-vertex",
  "fire-js": "fire-js",
  // Platform identifier for JS SDK.
  [Ff]: "fire-js-all"
};
const Jr = /* @__PURE__ */ new Map(), qf = /* @__PURE__ */ new Map(), Ti = /* @__PURE__ */ new Map();
function Ha(n, e) {
  try {
    n.container.addComponent(e);
  } catch (t) {
    Ke.debug(`Component ${e.name} failed to register with FirebaseApp ${n.name}`, t);
  }
}
function on(n) {
  const e = n.name;
  if (Ti.has(e))
    return Ke.debug(`There were multiple attempts to register component ${e}.`), !1;
  Ti.set(e, n);
  for (const t of Jr.values())
    Ha(t, n);
  for (const t of qf.values())
    Ha(t, n);
  return !0;
}
function zi(n, e) {
  const t = n.container.getProvider("heartbeat").getImmediate({ optional: !0 });
  return t && t.triggerHeartbeat(), n.container.getProvider(e);
}
function be(n) {
  return n == null ? !1 : n.settings !== void 0;
}
const jf = {
  "no-app": "No Firebase App '{$appName}' has been created - call initializeApp() first",
  "bad-app-name": "Illegal App name: '{$appName}'",
  "duplicate-app": "Firebase App named '{$appName}' already exists with different options or config",
  "app-deleted": "Firebase App named '{$appName}' already deleted",
  "server-app-deleted": "Firebase Server App has been deleted",
  "no-options": "Need to provide options, when not being deployed to hosting via source.",
  "invalid-app-argument": "firebase.{$appName}() takes either no argument or a Firebase App instance.",
  "invalid-log-argument": "First argument to `onLog` must be null or a function.",
  "idb-open": "Error thrown when opening IndexedDB. Original error: {$originalErrorMessage}.",
  "idb-get": "Error thrown when reading from IndexedDB. Original error: {$originalErrorMessage}.",
  "idb-set": "Error thrown when writing to IndexedDB. Original error: {$originalErrorMessage}.",
  "idb-delete": "Error thrown when deleting from IndexedDB. Original error: {$originalErrorMessage}.",
  "finalization-registry-not-supported": "FirebaseServerApp deleteOnDeref field defined but the JS runtime does not support FinalizationRegistry.",
  "invalid-server-app-environment": "FirebaseServerApp is not for use in browser environments."
}, dt = new lr("app", "Firebase", jf);
class $f {
  constructor(e, t, r) {
    this._isDeleted = !1, this._options = { ...e }, this._config = { ...t }, this._name = t.name, this._automaticDataCollectionEnabled = t.automaticDataCollectionEnabled, this._container = r, this.container.addComponent(new xt(
      "app",
      () => this,
      "PUBLIC"
      /* ComponentType.PUBLIC */
    ));
  }
  get automaticDataCollectionEnabled() {
    return this.checkDestroyed(), this._automaticDataCollectionEnabled;
  }
  set automaticDataCollectionEnabled(e) {
    this.checkDestroyed(), this._automaticDataCollectionEnabled = e;
  }
  get name() {
    return this.checkDestroyed(), this._name;
  }
  get options() {
    return this.checkDestroyed(), this._options;
  }
  get config() {
    return this.checkDestroyed(), this._config;
  }
  get container() {
    return this._container;
  }
  get isDeleted() {
    return this._isDeleted;
  }
  set isDeleted(e) {
    this._isDeleted = e;
  }
  /**
   * This function will throw an Error if the App has already been deleted -
   * use before performing API actions on the App.
   */
  checkDestroyed() {
    if (this.isDeleted)
      throw dt.create("app-deleted", { appName: this._name });
  }
}
const mn = Uf;
function Hf(n, e = {}) {
  let t = n;
  typeof e != "object" && (e = { name: e });
  const r = {
    name: Ii,
    automaticDataCollectionEnabled: !0,
    ...e
  }, s = r.name;
  if (typeof s != "string" || !s)
    throw dt.create("bad-app-name", {
      appName: String(s)
    });
  if (t || (t = Tu()), !t)
    throw dt.create(
      "no-options"
      /* AppError.NO_OPTIONS */
    );
  const o = Jr.get(s);
  if (o) {
    if (Mt(t, o.options) && Mt(r, o.config))
      return o;
    throw dt.create("duplicate-app", { appName: s });
  }
  const a = new Kd(s);
  for (const h of Ti.values())
    a.addComponent(h);
  const u = new $f(t, r, a);
  return Jr.set(s, u), u;
}
function Pu(n = Ii) {
  const e = Jr.get(n);
  if (!e && n === Ii && Tu())
    return Hf();
  if (!e)
    throw dt.create("no-app", { appName: n });
  return e;
}
function ft(n, e, t) {
  let r = Bf[n] ?? n;
  t && (r += `-${t}`);
  const s = r.match(/\s|\//), o = e.match(/\s|\//);
  if (s || o) {
    const a = [
      `Unable to register library "${r}" with version "${e}":`
    ];
    s && a.push(`library name "${r}" contains illegal characters (whitespace or "/")`), s && o && a.push("and"), o && a.push(`version name "${e}" contains illegal characters (whitespace or "/")`), Ke.warn(a.join(" "));
    return;
  }
  on(new xt(
    `${r}-version`,
    () => ({ library: r, version: e }),
    "VERSION"
    /* ComponentType.VERSION */
  ));
}
const zf = "firebase-heartbeat-database", Wf = 1, nr = "firebase-heartbeat-store";
let oi = null;
function Cu() {
  return oi || (oi = cf(zf, Wf, {
    upgrade: (n, e) => {
      switch (e) {
        case 0:
          try {
            n.createObjectStore(nr);
          } catch (t) {
            console.warn(t);
          }
      }
    }
  }).catch((n) => {
    throw dt.create("idb-open", {
      originalErrorMessage: n.message
    });
  })), oi;
}
async function Gf(n) {
  try {
    const t = (await Cu()).transaction(nr), r = await t.objectStore(nr).get(bu(n));
    return await t.done, r;
  } catch (e) {
    if (e instanceof Ye)
      Ke.warn(e.message);
    else {
      const t = dt.create("idb-get", {
        originalErrorMessage: e?.message
      });
      Ke.warn(t.message);
    }
  }
}
async function za(n, e) {
  try {
    const r = (await Cu()).transaction(nr, "readwrite");
    await r.objectStore(nr).put(e, bu(n)), await r.done;
  } catch (t) {
    if (t instanceof Ye)
      Ke.warn(t.message);
    else {
      const r = dt.create("idb-set", {
        originalErrorMessage: t?.message
      });
      Ke.warn(r.message);
    }
  }
}
function bu(n) {
  return `${n.name}!${n.options.appId}`;
}
const Kf = 1024, Qf = 30;
class Jf {
  constructor(e) {
    this.container = e, this._heartbeatsCache = null;
    const t = this.container.getProvider("app").getImmediate();
    this._storage = new Xf(t), this._heartbeatsCachePromise = this._storage.read().then((r) => (this._heartbeatsCache = r, r));
  }
  /**
   * Called to report a heartbeat. The function will generate
   * a HeartbeatsByUserAgent object, update heartbeatsCache, and persist it
   * to IndexedDB.
   * Note that we only store one heartbeat per day. So if a heartbeat for today is
   * already logged, subsequent calls to this function in the same day will be ignored.
   */
  async triggerHeartbeat() {
    try {
      const t = this.container.getProvider("platform-logger").getImmediate().getPlatformInfoString(), r = Wa();
      if (this._heartbeatsCache?.heartbeats == null && (this._heartbeatsCache = await this._heartbeatsCachePromise, this._heartbeatsCache?.heartbeats == null) || this._heartbeatsCache.lastSentHeartbeatDate === r || this._heartbeatsCache.heartbeats.some((s) => s.date === r))
        return;
      if (this._heartbeatsCache.heartbeats.push({ date: r, agent: t }), this._heartbeatsCache.heartbeats.length > Qf) {
        const s = Zf(this._heartbeatsCache.heartbeats);
        this._heartbeatsCache.heartbeats.splice(s, 1);
      }
      return this._storage.overwrite(this._heartbeatsCache);
    } catch (e) {
      Ke.warn(e);
    }
  }
  /**
   * Returns a base64 encoded string which can be attached to the heartbeat-specific header directly.
   * It also clears all heartbeats from memory as well as in IndexedDB.
   *
   * NOTE: Consuming product SDKs should not send the header if this method
   * returns an empty string.
   */
  async getHeartbeatsHeader() {
    try {
      if (this._heartbeatsCache === null && await this._heartbeatsCachePromise, this._heartbeatsCache?.heartbeats == null || this._heartbeatsCache.heartbeats.length === 0)
        return "";
      const e = Wa(), { heartbeatsToSend: t, unsentEntries: r } = Yf(this._heartbeatsCache.heartbeats), s = Qr(JSON.stringify({ version: 2, heartbeats: t }));
      return this._heartbeatsCache.lastSentHeartbeatDate = e, r.length > 0 ? (this._heartbeatsCache.heartbeats = r, await this._storage.overwrite(this._heartbeatsCache)) : (this._heartbeatsCache.heartbeats = [], this._storage.overwrite(this._heartbeatsCache)), s;
    } catch (e) {
      return Ke.warn(e), "";
    }
  }
}
function Wa() {
  return (/* @__PURE__ */ new Date()).toISOString().substring(0, 10);
}
function Yf(n, e = Kf) {
  const t = [];
  let r = n.slice();
  for (const s of n) {
    const o = t.find((a) => a.agent === s.agent);
    if (o) {
      if (o.dates.push(s.date), Ga(t) > e) {
        o.dates.pop();
        break;
      }
    } else if (t.push({
      agent: s.agent,
      dates: [s.date]
    }), Ga(t) > e) {
      t.pop();
      break;
    }
    r = r.slice(1);
  }
  return {
    heartbeatsToSend: t,
    unsentEntries: r
  };
}
class Xf {
  constructor(e) {
    this.app = e, this._canUseIndexedDBPromise = this.runIndexedDBEnvironmentCheck();
  }
  async runIndexedDBEnvironmentCheck() {
    return Md() ? xd().then(() => !0).catch(() => !1) : !1;
  }
  /**
   * Read all heartbeats.
   */
  async read() {
    if (await this._canUseIndexedDBPromise) {
      const t = await Gf(this.app);
      return t?.heartbeats ? t : { heartbeats: [] };
    } else
      return { heartbeats: [] };
  }
  // overwrite the storage with the provided heartbeats
  async overwrite(e) {
    if (await this._canUseIndexedDBPromise) {
      const r = await this.read();
      return za(this.app, {
        lastSentHeartbeatDate: e.lastSentHeartbeatDate ?? r.lastSentHeartbeatDate,
        heartbeats: e.heartbeats
      });
    } else
      return;
  }
  // add heartbeats
  async add(e) {
    if (await this._canUseIndexedDBPromise) {
      const r = await this.read();
      return za(this.app, {
        lastSentHeartbeatDate: e.lastSentHeartbeatDate ?? r.lastSentHeartbeatDate,
        heartbeats: [
          ...r.heartbeats,
          ...e.heartbeats
        ]
      });
    } else
      return;
  }
}
function Ga(n) {
  return Qr(
    // heartbeatsCache wrapper properties
    JSON.stringify({ version: 2, heartbeats: n })
  ).length;
}
function Zf(n) {
  if (n.length === 0)
    return -1;
  let e = 0, t = n[0].date;
  for (let r = 1; r < n.length; r++)
    n[r].date < t && (t = n[r].date, e = r);
  return e;
}
function ep(n) {
  on(new xt(
    "platform-logger",
    (e) => new hf(e),
    "PRIVATE"
    /* ComponentType.PRIVATE */
  )), on(new xt(
    "heartbeat",
    (e) => new Jf(e),
    "PRIVATE"
    /* ComponentType.PRIVATE */
  )), ft(Ei, $a, n), ft(Ei, $a, "esm2020"), ft("fire-js", "");
}
ep("");
var tp = "firebase", np = "12.9.0";
ft(tp, np, "app");
function ku() {
  return {
    "dependent-sdk-initialized-before-auth": "Another Firebase SDK was initialized and is trying to use Auth before Auth is initialized. Please be sure to call `initializeAuth` or `getAuth` before starting any other Firebase SDK."
  };
}
const rp = ku, Vu = new lr("auth", "Firebase", ku());
const Yr = new $i("@firebase/auth");
function sp(n, ...e) {
  Yr.logLevel <= B.WARN && Yr.warn(`Auth (${mn}): ${n}`, ...e);
}
function Br(n, ...e) {
  Yr.logLevel <= B.ERROR && Yr.error(`Auth (${mn}): ${n}`, ...e);
}
function Ne(n, ...e) {
  throw Wi(n, ...e);
}
function ke(n, ...e) {
  return Wi(n, ...e);
}
function Nu(n, e, t) {
  const r = {
    ...rp(),
    [e]: t
  };
  return new lr("auth", "Firebase", r).create(e, {
    appName: n.name
  });
}
function je(n) {
  return Nu(n, "operation-not-supported-in-this-environment", "Operations that alter the current user are not supported in conjunction with FirebaseServerApp");
}
function Wi(n, ...e) {
  if (typeof n != "string") {
    const t = e[0], r = [...e.slice(1)];
    return r[0] && (r[0].appName = n.name), n._errorFactory.create(t, ...r);
  }
  return Vu.create(n, ...e);
}
function k(n, e, ...t) {
  if (!n)
    throw Wi(e, ...t);
}
function We(n) {
  const e = "INTERNAL ASSERTION FAILED: " + n;
  throw Br(e), new Error(e);
}
function Qe(n, e) {
  n || We(e);
}
function wi() {
  return typeof self < "u" && self.location?.href || "";
}
function Du() {
  return Ka() === "http:" || Ka() === "https:";
}
function Ka() {
  return typeof self < "u" && self.location?.protocol || null;
}
function ip() {
  return typeof navigator < "u" && navigator && "onLine" in navigator && typeof navigator.onLine == "boolean" && // Apply only for traditional web apps and Chrome extensions.
  // This is especially true for Cordova apps which have unreliable
  // navigator.onLine behavior unless cordova-plugin-network-information is
  // installed which overwrites the native navigator.onLine value and
  // defines navigator.connection.
  (Du() || Nd() || "connection" in navigator) ? navigator.onLine : !0;
}
function op() {
  if (typeof navigator > "u")
    return null;
  const n = navigator;
  return (
    // Most reliable, but only supported in Chrome/Firefox.
    n.languages && n.languages[0] || // Supported in most browsers, but returns the language of the browser
    // UI, not the language set in browser settings.
    n.language || // Couldn't determine language.
    null
  );
}
class hr {
  constructor(e, t) {
    this.shortDelay = e, this.longDelay = t, Qe(t > e, "Short delay should be less than long delay!"), this.isMobile = bd() || Dd();
  }
  get() {
    return ip() ? this.isMobile ? this.longDelay : this.shortDelay : Math.min(5e3, this.shortDelay);
  }
}
function Gi(n, e) {
  Qe(n.emulator, "Emulator should always be set here");
  const { url: t } = n.emulator;
  return e ? `${t}${e.startsWith("/") ? e.slice(1) : e}` : t;
}
class Ou {
  static initialize(e, t, r) {
    this.fetchImpl = e, t && (this.headersImpl = t), r && (this.responseImpl = r);
  }
  static fetch() {
    if (this.fetchImpl)
      return this.fetchImpl;
    if (typeof self < "u" && "fetch" in self)
      return self.fetch;
    if (typeof globalThis < "u" && globalThis.fetch)
      return globalThis.fetch;
    if (typeof fetch < "u")
      return fetch;
    We("Could not find fetch implementation, make sure you call FetchProvider.initialize() with an appropriate polyfill");
  }
  static headers() {
    if (this.headersImpl)
      return this.headersImpl;
    if (typeof self < "u" && "Headers" in self)
      return self.Headers;
    if (typeof globalThis < "u" && globalThis.Headers)
      return globalThis.Headers;
    if (typeof Headers < "u")
      return Headers;
    We("Could not find Headers implementation, make sure you call FetchProvider.initialize() with an appropriate polyfill");
  }
  static response() {
    if (this.responseImpl)
      return this.responseImpl;
    if (typeof self < "u" && "Response" in self)
      return self.Response;
    if (typeof globalThis < "u" && globalThis.Response)
      return globalThis.Response;
    if (typeof Response < "u")
      return Response;
    We("Could not find Response implementation, make sure you call FetchProvider.initialize() with an appropriate polyfill");
  }
}
const ap = {
  // Custom token errors.
  CREDENTIAL_MISMATCH: "custom-token-mismatch",
  // This can only happen if the SDK sends a bad request.
  MISSING_CUSTOM_TOKEN: "internal-error",
  // Create Auth URI errors.
  INVALID_IDENTIFIER: "invalid-email",
  // This can only happen if the SDK sends a bad request.
  MISSING_CONTINUE_URI: "internal-error",
  // Sign in with email and password errors (some apply to sign up too).
  INVALID_PASSWORD: "wrong-password",
  // This can only happen if the SDK sends a bad request.
  MISSING_PASSWORD: "missing-password",
  // Thrown if Email Enumeration Protection is enabled in the project and the email or password is
  // invalid.
  INVALID_LOGIN_CREDENTIALS: "invalid-credential",
  // Sign up with email and password errors.
  EMAIL_EXISTS: "email-already-in-use",
  PASSWORD_LOGIN_DISABLED: "operation-not-allowed",
  // Verify assertion for sign in with credential errors:
  INVALID_IDP_RESPONSE: "invalid-credential",
  INVALID_PENDING_TOKEN: "invalid-credential",
  FEDERATED_USER_ID_ALREADY_LINKED: "credential-already-in-use",
  // This can only happen if the SDK sends a bad request.
  MISSING_REQ_TYPE: "internal-error",
  // Send Password reset email errors:
  EMAIL_NOT_FOUND: "user-not-found",
  RESET_PASSWORD_EXCEED_LIMIT: "too-many-requests",
  EXPIRED_OOB_CODE: "expired-action-code",
  INVALID_OOB_CODE: "invalid-action-code",
  // This can only happen if the SDK sends a bad request.
  MISSING_OOB_CODE: "internal-error",
  // Operations that require ID token in request:
  CREDENTIAL_TOO_OLD_LOGIN_AGAIN: "requires-recent-login",
  INVALID_ID_TOKEN: "invalid-user-token",
  TOKEN_EXPIRED: "user-token-expired",
  USER_NOT_FOUND: "user-token-expired",
  // Other errors.
  TOO_MANY_ATTEMPTS_TRY_LATER: "too-many-requests",
  PASSWORD_DOES_NOT_MEET_REQUIREMENTS: "password-does-not-meet-requirements",
  // Phone Auth related errors.
  INVALID_CODE: "invalid-verification-code",
  INVALID_SESSION_INFO: "invalid-verification-id",
  INVALID_TEMPORARY_PROOF: "invalid-credential",
  MISSING_SESSION_INFO: "missing-verification-id",
  SESSION_EXPIRED: "code-expired",
  // Other action code errors when additional settings passed.
  // MISSING_CONTINUE_URI is getting mapped to INTERNAL_ERROR above.
  // This is OK as this error will be caught by client side validation.
  MISSING_ANDROID_PACKAGE_NAME: "missing-android-pkg-name",
  UNAUTHORIZED_DOMAIN: "unauthorized-continue-uri",
  // getProjectConfig errors when clientId is passed.
  INVALID_OAUTH_CLIENT_ID: "invalid-oauth-client-id",
  // User actions (sign-up or deletion) disabled errors.
  ADMIN_ONLY_OPERATION: "admin-restricted-operation",
  // Multi factor related errors.
  INVALID_MFA_PENDING_CREDENTIAL: "invalid-multi-factor-session",
  MFA_ENROLLMENT_NOT_FOUND: "multi-factor-info-not-found",
  MISSING_MFA_ENROLLMENT_ID: "missing-multi-factor-info",
  MISSING_MFA_PENDING_CREDENTIAL: "missing-multi-factor-session",
  SECOND_FACTOR_EXISTS: "second-factor-already-in-use",
  SECOND_FACTOR_LIMIT_EXCEEDED: "maximum-second-factor-count-exceeded",
  // Blocking functions related errors.
  BLOCKING_FUNCTION_ERROR_RESPONSE: "internal-error",
  // Recaptcha related errors.
  RECAPTCHA_NOT_ENABLED: "recaptcha-not-enabled",
  MISSING_RECAPTCHA_TOKEN: "missing-recaptcha-token",
  INVALID_RECAPTCHA_TOKEN: "invalid-recaptcha-token",
  INVALID_RECAPTCHA_ACTION: "invalid-recaptcha-action",
  MISSING_CLIENT_TYPE: "missing-client-type",
  MISSING_RECAPTCHA_VERSION: "missing-recaptcha-version",
  INVALID_RECAPTCHA_VERSION: "invalid-recaptcha-version",
  INVALID_REQ_TYPE: "invalid-req-type"
  /* AuthErrorCode.INVALID_REQ_TYPE */
};
const cp = [
  "/v1/accounts:signInWithCustomToken",
  "/v1/accounts:signInWithEmailLink",
  "/v1/accounts:signInWithIdp",
  "/v1/accounts:signInWithPassword",
  "/v1/accounts:signInWithPhoneNumber",
  "/v1/token"
  /* Endpoint.TOKEN */
], up = new hr(3e4, 6e4);
function we(n, e) {
  return n.tenantId && !e.tenantId ? {
    ...e,
    tenantId: n.tenantId
  } : e;
}
async function Pe(n, e, t, r, s = {}) {
  return Lu(n, s, async () => {
    let o = {}, a = {};
    r && (e === "GET" ? a = r : o = {
      body: JSON.stringify(r)
    });
    const u = pn({
      key: n.config.apiKey,
      ...a
    }).slice(1), h = await n._getAdditionalHeaders();
    h[
      "Content-Type"
      /* HttpHeader.CONTENT_TYPE */
    ] = "application/json", n.languageCode && (h[
      "X-Firebase-Locale"
      /* HttpHeader.X_FIREBASE_LOCALE */
    ] = n.languageCode);
    const d = {
      method: e,
      headers: h,
      ...o
    };
    return Vd() || (d.referrerPolicy = "no-referrer"), n.emulatorConfig && fn(n.emulatorConfig.host) && (d.credentials = "include"), Ou.fetch()(await Mu(n, n.config.apiHost, t, u), d);
  });
}
async function Lu(n, e, t) {
  n._canInitEmulator = !1;
  const r = { ...ap, ...e };
  try {
    const s = new hp(n), o = await Promise.race([
      t(),
      s.promise
    ]);
    s.clearNetworkTimeout();
    const a = await o.json();
    if ("needConfirmation" in a)
      throw jn(n, "account-exists-with-different-credential", a);
    if (o.ok && !("errorMessage" in a))
      return a;
    {
      const u = o.ok ? a.errorMessage : a.error.message, [h, d] = u.split(" : ");
      if (h === "FEDERATED_USER_ID_ALREADY_LINKED")
        throw jn(n, "credential-already-in-use", a);
      if (h === "EMAIL_EXISTS")
        throw jn(n, "email-already-in-use", a);
      if (h === "USER_DISABLED")
        throw jn(n, "user-disabled", a);
      const p = r[h] || h.toLowerCase().replace(/[_\s]+/g, "-");
      if (d)
        throw Nu(n, p, d);
      Ne(n, p);
    }
  } catch (s) {
    if (s instanceof Ye)
      throw s;
    Ne(n, "network-request-failed", { message: String(s) });
  }
}
async function wt(n, e, t, r, s = {}) {
  const o = await Pe(n, e, t, r, s);
  return "mfaPendingCredential" in o && Ne(n, "multi-factor-auth-required", {
    _serverResponse: o
  }), o;
}
async function Mu(n, e, t, r) {
  const s = `${e}${t}?${r}`, o = n, a = o.config.emulator ? Gi(n.config, s) : `${n.config.apiScheme}://${s}`;
  return cp.includes(t) && (await o._persistenceManagerAvailable, o._getPersistenceType() === "COOKIE") ? o._getPersistence()._getFinalTarget(a).toString() : a;
}
function lp(n) {
  switch (n) {
    case "ENFORCE":
      return "ENFORCE";
    case "AUDIT":
      return "AUDIT";
    case "OFF":
      return "OFF";
    default:
      return "ENFORCEMENT_STATE_UNSPECIFIED";
  }
}
class hp {
  clearNetworkTimeout() {
    clearTimeout(this.timer);
  }
  constructor(e) {
    this.auth = e, this.timer = null, this.promise = new Promise((t, r) => {
      this.timer = setTimeout(() => r(ke(
        this.auth,
        "network-request-failed"
        /* AuthErrorCode.NETWORK_REQUEST_FAILED */
      )), up.get());
    });
  }
}
function jn(n, e, t) {
  const r = {
    appName: n.name
  };
  t.email && (r.email = t.email), t.phoneNumber && (r.phoneNumber = t.phoneNumber);
  const s = ke(n, e, r);
  return s.customData._tokenResponse = t, s;
}
function Qa(n) {
  return n !== void 0 && n.getResponse !== void 0;
}
function Ja(n) {
  return n !== void 0 && n.enterprise !== void 0;
}
class xu {
  constructor(e) {
    if (this.siteKey = "", this.recaptchaEnforcementState = [], e.recaptchaKey === void 0)
      throw new Error("recaptchaKey undefined");
    this.siteKey = e.recaptchaKey.split("/")[3], this.recaptchaEnforcementState = e.recaptchaEnforcementState;
  }
  /**
   * Returns the reCAPTCHA Enterprise enforcement state for the given provider.
   *
   * @param providerStr - The provider whose enforcement state is to be returned.
   * @returns The reCAPTCHA Enterprise enforcement state for the given provider.
   */
  getProviderEnforcementState(e) {
    if (!this.recaptchaEnforcementState || this.recaptchaEnforcementState.length === 0)
      return null;
    for (const t of this.recaptchaEnforcementState)
      if (t.provider && t.provider === e)
        return lp(t.enforcementState);
    return null;
  }
  /**
   * Returns true if the reCAPTCHA Enterprise enforcement state for the provider is set to ENFORCE or AUDIT.
   *
   * @param providerStr - The provider whose enablement state is to be returned.
   * @returns Whether or not reCAPTCHA Enterprise protection is enabled for the given provider.
   */
  isProviderEnabled(e) {
    return this.getProviderEnforcementState(e) === "ENFORCE" || this.getProviderEnforcementState(e) === "AUDIT";
  }
  /**
   * Returns true if reCAPTCHA Enterprise protection is enabled in at least one provider, otherwise
   * returns false.
   *
   * @returns Whether or not reCAPTCHA Enterprise protection is enabled for at least one provider.
   */
  isAnyProviderEnabled() {
    return this.isProviderEnabled(
      "EMAIL_PASSWORD_PROVIDER"
      /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
    ) || this.isProviderEnabled(
      "PHONE_PROVIDER"
      /* RecaptchaAuthProvider.PHONE_PROVIDER */
    );
  }
}
async function dp(n) {
  return (await Pe(
    n,
    "GET",
    "/v1/recaptchaParams"
    /* Endpoint.GET_RECAPTCHA_PARAM */
  )).recaptchaSiteKey || "";
}
async function Fu(n, e) {
  return Pe(n, "GET", "/v2/recaptchaConfig", we(n, e));
}
async function fp(n, e) {
  return Pe(n, "POST", "/v1/accounts:delete", e);
}
async function Xr(n, e) {
  return Pe(n, "POST", "/v1/accounts:lookup", e);
}
function Kn(n) {
  if (n)
    try {
      const e = new Date(Number(n));
      if (!isNaN(e.getTime()))
        return e.toUTCString();
    } catch {
    }
}
async function pp(n, e = !1) {
  const t = ae(n), r = await t.getIdToken(e), s = Ki(r);
  k(
    s && s.exp && s.auth_time && s.iat,
    t.auth,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  );
  const o = typeof s.firebase == "object" ? s.firebase : void 0, a = o?.sign_in_provider;
  return {
    claims: s,
    token: r,
    authTime: Kn(ai(s.auth_time)),
    issuedAtTime: Kn(ai(s.iat)),
    expirationTime: Kn(ai(s.exp)),
    signInProvider: a || null,
    signInSecondFactor: o?.sign_in_second_factor || null
  };
}
function ai(n) {
  return Number(n) * 1e3;
}
function Ki(n) {
  const [e, t, r] = n.split(".");
  if (e === void 0 || t === void 0 || r === void 0)
    return Br("JWT malformed, contained fewer than 3 sections"), null;
  try {
    const s = Eu(t);
    return s ? JSON.parse(s) : (Br("Failed to decode base64 JWT payload"), null);
  } catch (s) {
    return Br("Caught error parsing JWT payload as JSON", s?.toString()), null;
  }
}
function Ya(n) {
  const e = Ki(n);
  return k(
    e,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), k(
    typeof e.exp < "u",
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), k(
    typeof e.iat < "u",
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), Number(e.exp) - Number(e.iat);
}
async function rr(n, e, t = !1) {
  if (t)
    return e;
  try {
    return await e;
  } catch (r) {
    throw r instanceof Ye && mp(r) && n.auth.currentUser === n && await n.auth.signOut(), r;
  }
}
function mp({ code: n }) {
  return n === "auth/user-disabled" || n === "auth/user-token-expired";
}
class gp {
  constructor(e) {
    this.user = e, this.isRunning = !1, this.timerId = null, this.errorBackoff = 3e4;
  }
  _start() {
    this.isRunning || (this.isRunning = !0, this.schedule());
  }
  _stop() {
    this.isRunning && (this.isRunning = !1, this.timerId !== null && clearTimeout(this.timerId));
  }
  getInterval(e) {
    if (e) {
      const t = this.errorBackoff;
      return this.errorBackoff = Math.min(
        this.errorBackoff * 2,
        96e4
        /* Duration.RETRY_BACKOFF_MAX */
      ), t;
    } else {
      this.errorBackoff = 3e4;
      const r = (this.user.stsTokenManager.expirationTime ?? 0) - Date.now() - 3e5;
      return Math.max(0, r);
    }
  }
  schedule(e = !1) {
    if (!this.isRunning)
      return;
    const t = this.getInterval(e);
    this.timerId = setTimeout(async () => {
      await this.iteration();
    }, t);
  }
  async iteration() {
    try {
      await this.user.getIdToken(!0);
    } catch (e) {
      e?.code === "auth/network-request-failed" && this.schedule(
        /* wasError */
        !0
      );
      return;
    }
    this.schedule();
  }
}
class vi {
  constructor(e, t) {
    this.createdAt = e, this.lastLoginAt = t, this._initializeTime();
  }
  _initializeTime() {
    this.lastSignInTime = Kn(this.lastLoginAt), this.creationTime = Kn(this.createdAt);
  }
  _copy(e) {
    this.createdAt = e.createdAt, this.lastLoginAt = e.lastLoginAt, this._initializeTime();
  }
  toJSON() {
    return {
      createdAt: this.createdAt,
      lastLoginAt: this.lastLoginAt
    };
  }
}
async function Zr(n) {
  const e = n.auth, t = await n.getIdToken(), r = await rr(n, Xr(e, { idToken: t }));
  k(
    r?.users.length,
    e,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  );
  const s = r.users[0];
  n._notifyReloadListener(s);
  const o = s.providerUserInfo?.length ? Uu(s.providerUserInfo) : [], a = yp(n.providerData, o), u = n.isAnonymous, h = !(n.email && s.passwordHash) && !a?.length, d = u ? h : !1, p = {
    uid: s.localId,
    displayName: s.displayName || null,
    photoURL: s.photoUrl || null,
    email: s.email || null,
    emailVerified: s.emailVerified || !1,
    phoneNumber: s.phoneNumber || null,
    tenantId: s.tenantId || null,
    providerData: a,
    metadata: new vi(s.createdAt, s.lastLoginAt),
    isAnonymous: d
  };
  Object.assign(n, p);
}
async function _p(n) {
  const e = ae(n);
  await Zr(e), await e.auth._persistUserIfCurrent(e), e.auth._notifyListenersIfCurrent(e);
}
function yp(n, e) {
  return [...n.filter((r) => !e.some((s) => s.providerId === r.providerId)), ...e];
}
function Uu(n) {
  return n.map(({ providerId: e, ...t }) => ({
    providerId: e,
    uid: t.rawId || "",
    displayName: t.displayName || null,
    email: t.email || null,
    phoneNumber: t.phoneNumber || null,
    photoURL: t.photoUrl || null
  }));
}
async function Ep(n, e) {
  const t = await Lu(n, {}, async () => {
    const r = pn({
      grant_type: "refresh_token",
      refresh_token: e
    }).slice(1), { tokenApiHost: s, apiKey: o } = n.config, a = await Mu(n, s, "/v1/token", `key=${o}`), u = await n._getAdditionalHeaders();
    u[
      "Content-Type"
      /* HttpHeader.CONTENT_TYPE */
    ] = "application/x-www-form-urlencoded";
    const h = {
      method: "POST",
      headers: u,
      body: r
    };
    return n.emulatorConfig && fn(n.emulatorConfig.host) && (h.credentials = "include"), Ou.fetch()(a, h);
  });
  return {
    accessToken: t.access_token,
    expiresIn: t.expires_in,
    refreshToken: t.refresh_token
  };
}
async function Ip(n, e) {
  return Pe(n, "POST", "/v2/accounts:revokeToken", we(n, e));
}
class Yt {
  constructor() {
    this.refreshToken = null, this.accessToken = null, this.expirationTime = null;
  }
  get isExpired() {
    return !this.expirationTime || Date.now() > this.expirationTime - 3e4;
  }
  updateFromServerResponse(e) {
    k(
      e.idToken,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), k(
      typeof e.idToken < "u",
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), k(
      typeof e.refreshToken < "u",
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const t = "expiresIn" in e && typeof e.expiresIn < "u" ? Number(e.expiresIn) : Ya(e.idToken);
    this.updateTokensAndExpiration(e.idToken, e.refreshToken, t);
  }
  updateFromIdToken(e) {
    k(
      e.length !== 0,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const t = Ya(e);
    this.updateTokensAndExpiration(e, null, t);
  }
  async getToken(e, t = !1) {
    return !t && this.accessToken && !this.isExpired ? this.accessToken : (k(
      this.refreshToken,
      e,
      "user-token-expired"
      /* AuthErrorCode.TOKEN_EXPIRED */
    ), this.refreshToken ? (await this.refresh(e, this.refreshToken), this.accessToken) : null);
  }
  clearRefreshToken() {
    this.refreshToken = null;
  }
  async refresh(e, t) {
    const { accessToken: r, refreshToken: s, expiresIn: o } = await Ep(e, t);
    this.updateTokensAndExpiration(r, s, Number(o));
  }
  updateTokensAndExpiration(e, t, r) {
    this.refreshToken = t || null, this.accessToken = e || null, this.expirationTime = Date.now() + r * 1e3;
  }
  static fromJSON(e, t) {
    const { refreshToken: r, accessToken: s, expirationTime: o } = t, a = new Yt();
    return r && (k(typeof r == "string", "internal-error", {
      appName: e
    }), a.refreshToken = r), s && (k(typeof s == "string", "internal-error", {
      appName: e
    }), a.accessToken = s), o && (k(typeof o == "number", "internal-error", {
      appName: e
    }), a.expirationTime = o), a;
  }
  toJSON() {
    return {
      refreshToken: this.refreshToken,
      accessToken: this.accessToken,
      expirationTime: this.expirationTime
    };
  }
  _assign(e) {
    this.accessToken = e.accessToken, this.refreshToken = e.refreshToken, this.expirationTime = e.expirationTime;
  }
  _clone() {
    return Object.assign(new Yt(), this.toJSON());
  }
  _performRefresh() {
    return We("not implemented");
  }
}
function st(n, e) {
  k(typeof n == "string" || typeof n > "u", "internal-error", { appName: e });
}
class Le {
  constructor({ uid: e, auth: t, stsTokenManager: r, ...s }) {
    this.providerId = "firebase", this.proactiveRefresh = new gp(this), this.reloadUserInfo = null, this.reloadListener = null, this.uid = e, this.auth = t, this.stsTokenManager = r, this.accessToken = r.accessToken, this.displayName = s.displayName || null, this.email = s.email || null, this.emailVerified = s.emailVerified || !1, this.phoneNumber = s.phoneNumber || null, this.photoURL = s.photoURL || null, this.isAnonymous = s.isAnonymous || !1, this.tenantId = s.tenantId || null, this.providerData = s.providerData ? [...s.providerData] : [], this.metadata = new vi(s.createdAt || void 0, s.lastLoginAt || void 0);
  }
  async getIdToken(e) {
    const t = await rr(this, this.stsTokenManager.getToken(this.auth, e));
    return k(
      t,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.accessToken !== t && (this.accessToken = t, await this.auth._persistUserIfCurrent(this), this.auth._notifyListenersIfCurrent(this)), t;
  }
  getIdTokenResult(e) {
    return pp(this, e);
  }
  reload() {
    return _p(this);
  }
  _assign(e) {
    this !== e && (k(
      this.uid === e.uid,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.displayName = e.displayName, this.photoURL = e.photoURL, this.email = e.email, this.emailVerified = e.emailVerified, this.phoneNumber = e.phoneNumber, this.isAnonymous = e.isAnonymous, this.tenantId = e.tenantId, this.providerData = e.providerData.map((t) => ({ ...t })), this.metadata._copy(e.metadata), this.stsTokenManager._assign(e.stsTokenManager));
  }
  _clone(e) {
    const t = new Le({
      ...this,
      auth: e,
      stsTokenManager: this.stsTokenManager._clone()
    });
    return t.metadata._copy(this.metadata), t;
  }
  _onReload(e) {
    k(
      !this.reloadListener,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.reloadListener = e, this.reloadUserInfo && (this._notifyReloadListener(this.reloadUserInfo), this.reloadUserInfo = null);
  }
  _notifyReloadListener(e) {
    this.reloadListener ? this.reloadListener(e) : this.reloadUserInfo = e;
  }
  _startProactiveRefresh() {
    this.proactiveRefresh._start();
  }
  _stopProactiveRefresh() {
    this.proactiveRefresh._stop();
  }
  async _updateTokensIfNecessary(e, t = !1) {
    let r = !1;
    e.idToken && e.idToken !== this.stsTokenManager.accessToken && (this.stsTokenManager.updateFromServerResponse(e), r = !0), t && await Zr(this), await this.auth._persistUserIfCurrent(this), r && this.auth._notifyListenersIfCurrent(this);
  }
  async delete() {
    if (be(this.auth.app))
      return Promise.reject(je(this.auth));
    const e = await this.getIdToken();
    return await rr(this, fp(this.auth, { idToken: e })), this.stsTokenManager.clearRefreshToken(), this.auth.signOut();
  }
  toJSON() {
    return {
      uid: this.uid,
      email: this.email || void 0,
      emailVerified: this.emailVerified,
      displayName: this.displayName || void 0,
      isAnonymous: this.isAnonymous,
      photoURL: this.photoURL || void 0,
      phoneNumber: this.phoneNumber || void 0,
      tenantId: this.tenantId || void 0,
      providerData: this.providerData.map((e) => ({ ...e })),
      stsTokenManager: this.stsTokenManager.toJSON(),
      // Redirect event ID must be maintained in case there is a pending
      // redirect event.
      _redirectEventId: this._redirectEventId,
      ...this.metadata.toJSON(),
      // Required for compatibility with the legacy SDK (go/firebase-auth-sdk-persistence-parsing):
      apiKey: this.auth.config.apiKey,
      appName: this.auth.name
      // Missing authDomain will be tolerated by the legacy SDK.
      // stsTokenManager.apiKey isn't actually required (despite the legacy SDK persisting it).
    };
  }
  get refreshToken() {
    return this.stsTokenManager.refreshToken || "";
  }
  static _fromJSON(e, t) {
    const r = t.displayName ?? void 0, s = t.email ?? void 0, o = t.phoneNumber ?? void 0, a = t.photoURL ?? void 0, u = t.tenantId ?? void 0, h = t._redirectEventId ?? void 0, d = t.createdAt ?? void 0, p = t.lastLoginAt ?? void 0, { uid: I, emailVerified: A, isAnonymous: C, providerData: D, stsTokenManager: M } = t;
    k(
      I && M,
      e,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const L = Yt.fromJSON(this.name, M);
    k(
      typeof I == "string",
      e,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), st(r, e.name), st(s, e.name), k(
      typeof A == "boolean",
      e,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), k(
      typeof C == "boolean",
      e,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), st(o, e.name), st(a, e.name), st(u, e.name), st(h, e.name), st(d, e.name), st(p, e.name);
    const z = new Le({
      uid: I,
      auth: e,
      email: s,
      emailVerified: A,
      displayName: r,
      isAnonymous: C,
      photoURL: a,
      phoneNumber: o,
      tenantId: u,
      stsTokenManager: L,
      createdAt: d,
      lastLoginAt: p
    });
    return D && Array.isArray(D) && (z.providerData = D.map((G) => ({ ...G }))), h && (z._redirectEventId = h), z;
  }
  /**
   * Initialize a User from an idToken server response
   * @param auth
   * @param idTokenResponse
   */
  static async _fromIdTokenResponse(e, t, r = !1) {
    const s = new Yt();
    s.updateFromServerResponse(t);
    const o = new Le({
      uid: t.localId,
      auth: e,
      stsTokenManager: s,
      isAnonymous: r
    });
    return await Zr(o), o;
  }
  /**
   * Initialize a User from an idToken server response
   * @param auth
   * @param idTokenResponse
   */
  static async _fromGetAccountInfoResponse(e, t, r) {
    const s = t.users[0];
    k(
      s.localId !== void 0,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const o = s.providerUserInfo !== void 0 ? Uu(s.providerUserInfo) : [], a = !(s.email && s.passwordHash) && !o?.length, u = new Yt();
    u.updateFromIdToken(r);
    const h = new Le({
      uid: s.localId,
      auth: e,
      stsTokenManager: u,
      isAnonymous: a
    }), d = {
      uid: s.localId,
      displayName: s.displayName || null,
      photoURL: s.photoUrl || null,
      email: s.email || null,
      emailVerified: s.emailVerified || !1,
      phoneNumber: s.phoneNumber || null,
      tenantId: s.tenantId || null,
      providerData: o,
      metadata: new vi(s.createdAt, s.lastLoginAt),
      isAnonymous: !(s.email && s.passwordHash) && !o?.length
    };
    return Object.assign(h, d), h;
  }
}
const Xa = /* @__PURE__ */ new Map();
function Ge(n) {
  Qe(n instanceof Function, "Expected a class definition");
  let e = Xa.get(n);
  return e ? (Qe(e instanceof n, "Instance stored in cache mismatched with class"), e) : (e = new n(), Xa.set(n, e), e);
}
class Bu {
  constructor() {
    this.type = "NONE", this.storage = {};
  }
  async _isAvailable() {
    return !0;
  }
  async _set(e, t) {
    this.storage[e] = t;
  }
  async _get(e) {
    const t = this.storage[e];
    return t === void 0 ? null : t;
  }
  async _remove(e) {
    delete this.storage[e];
  }
  _addListener(e, t) {
  }
  _removeListener(e, t) {
  }
}
Bu.type = "NONE";
const Za = Bu;
function qr(n, e, t) {
  return `firebase:${n}:${e}:${t}`;
}
class Xt {
  constructor(e, t, r) {
    this.persistence = e, this.auth = t, this.userKey = r;
    const { config: s, name: o } = this.auth;
    this.fullUserKey = qr(this.userKey, s.apiKey, o), this.fullPersistenceKey = qr("persistence", s.apiKey, o), this.boundEventHandler = t._onStorageEvent.bind(t), this.persistence._addListener(this.fullUserKey, this.boundEventHandler);
  }
  setCurrentUser(e) {
    return this.persistence._set(this.fullUserKey, e.toJSON());
  }
  async getCurrentUser() {
    const e = await this.persistence._get(this.fullUserKey);
    if (!e)
      return null;
    if (typeof e == "string") {
      const t = await Xr(this.auth, { idToken: e }).catch(() => {
      });
      return t ? Le._fromGetAccountInfoResponse(this.auth, t, e) : null;
    }
    return Le._fromJSON(this.auth, e);
  }
  removeCurrentUser() {
    return this.persistence._remove(this.fullUserKey);
  }
  savePersistenceForRedirect() {
    return this.persistence._set(this.fullPersistenceKey, this.persistence.type);
  }
  async setPersistence(e) {
    if (this.persistence === e)
      return;
    const t = await this.getCurrentUser();
    if (await this.removeCurrentUser(), this.persistence = e, t)
      return this.setCurrentUser(t);
  }
  delete() {
    this.persistence._removeListener(this.fullUserKey, this.boundEventHandler);
  }
  static async create(e, t, r = "authUser") {
    if (!t.length)
      return new Xt(Ge(Za), e, r);
    const s = (await Promise.all(t.map(async (d) => {
      if (await d._isAvailable())
        return d;
    }))).filter((d) => d);
    let o = s[0] || Ge(Za);
    const a = qr(r, e.config.apiKey, e.name);
    let u = null;
    for (const d of t)
      try {
        const p = await d._get(a);
        if (p) {
          let I;
          if (typeof p == "string") {
            const A = await Xr(e, {
              idToken: p
            }).catch(() => {
            });
            if (!A)
              break;
            I = await Le._fromGetAccountInfoResponse(e, A, p);
          } else
            I = Le._fromJSON(e, p);
          d !== o && (u = I), o = d;
          break;
        }
      } catch {
      }
    const h = s.filter((d) => d._shouldAllowMigration);
    return !o._shouldAllowMigration || !h.length ? new Xt(o, e, r) : (o = h[0], u && await o._set(a, u.toJSON()), await Promise.all(t.map(async (d) => {
      if (d !== o)
        try {
          await d._remove(a);
        } catch {
        }
    })), new Xt(o, e, r));
  }
}
function ec(n) {
  const e = n.toLowerCase();
  if (e.includes("opera/") || e.includes("opr/") || e.includes("opios/"))
    return "Opera";
  if (Hu(e))
    return "IEMobile";
  if (e.includes("msie") || e.includes("trident/"))
    return "IE";
  if (e.includes("edge/"))
    return "Edge";
  if (qu(e))
    return "Firefox";
  if (e.includes("silk/"))
    return "Silk";
  if (Wu(e))
    return "Blackberry";
  if (Gu(e))
    return "Webos";
  if (ju(e))
    return "Safari";
  if ((e.includes("chrome/") || $u(e)) && !e.includes("edge/"))
    return "Chrome";
  if (zu(e))
    return "Android";
  {
    const t = /([a-zA-Z\d\.]+)\/[a-zA-Z\d\.]*$/, r = n.match(t);
    if (r?.length === 2)
      return r[1];
  }
  return "Other";
}
function qu(n = Te()) {
  return /firefox\//i.test(n);
}
function ju(n = Te()) {
  const e = n.toLowerCase();
  return e.includes("safari/") && !e.includes("chrome/") && !e.includes("crios/") && !e.includes("android");
}
function $u(n = Te()) {
  return /crios\//i.test(n);
}
function Hu(n = Te()) {
  return /iemobile/i.test(n);
}
function zu(n = Te()) {
  return /android/i.test(n);
}
function Wu(n = Te()) {
  return /blackberry/i.test(n);
}
function Gu(n = Te()) {
  return /webos/i.test(n);
}
function Qi(n = Te()) {
  return /iphone|ipad|ipod/i.test(n) || /macintosh/i.test(n) && /mobile/i.test(n);
}
function Tp(n = Te()) {
  return Qi(n) && !!window.navigator?.standalone;
}
function wp() {
  return Od() && document.documentMode === 10;
}
function Ku(n = Te()) {
  return Qi(n) || zu(n) || Gu(n) || Wu(n) || /windows phone/i.test(n) || Hu(n);
}
function Qu(n, e = []) {
  let t;
  switch (n) {
    case "Browser":
      t = ec(Te());
      break;
    case "Worker":
      t = `${ec(Te())}-${n}`;
      break;
    default:
      t = n;
  }
  const r = e.length ? e.join(",") : "FirebaseCore-web";
  return `${t}/JsCore/${mn}/${r}`;
}
class vp {
  constructor(e) {
    this.auth = e, this.queue = [];
  }
  pushCallback(e, t) {
    const r = (o) => new Promise((a, u) => {
      try {
        const h = e(o);
        a(h);
      } catch (h) {
        u(h);
      }
    });
    r.onAbort = t, this.queue.push(r);
    const s = this.queue.length - 1;
    return () => {
      this.queue[s] = () => Promise.resolve();
    };
  }
  async runMiddleware(e) {
    if (this.auth.currentUser === e)
      return;
    const t = [];
    try {
      for (const r of this.queue)
        await r(e), r.onAbort && t.push(r.onAbort);
    } catch (r) {
      t.reverse();
      for (const s of t)
        try {
          s();
        } catch {
        }
      throw this.auth._errorFactory.create("login-blocked", {
        originalMessage: r?.message
      });
    }
  }
}
async function Ap(n, e = {}) {
  return Pe(n, "GET", "/v2/passwordPolicy", we(n, e));
}
const Rp = 6;
class Sp {
  constructor(e) {
    const t = e.customStrengthOptions;
    this.customStrengthOptions = {}, this.customStrengthOptions.minPasswordLength = t.minPasswordLength ?? Rp, t.maxPasswordLength && (this.customStrengthOptions.maxPasswordLength = t.maxPasswordLength), t.containsLowercaseCharacter !== void 0 && (this.customStrengthOptions.containsLowercaseLetter = t.containsLowercaseCharacter), t.containsUppercaseCharacter !== void 0 && (this.customStrengthOptions.containsUppercaseLetter = t.containsUppercaseCharacter), t.containsNumericCharacter !== void 0 && (this.customStrengthOptions.containsNumericCharacter = t.containsNumericCharacter), t.containsNonAlphanumericCharacter !== void 0 && (this.customStrengthOptions.containsNonAlphanumericCharacter = t.containsNonAlphanumericCharacter), this.enforcementState = e.enforcementState, this.enforcementState === "ENFORCEMENT_STATE_UNSPECIFIED" && (this.enforcementState = "OFF"), this.allowedNonAlphanumericCharacters = e.allowedNonAlphanumericCharacters?.join("") ?? "", this.forceUpgradeOnSignin = e.forceUpgradeOnSignin ?? !1, this.schemaVersion = e.schemaVersion;
  }
  validatePassword(e) {
    const t = {
      isValid: !0,
      passwordPolicy: this
    };
    return this.validatePasswordLengthOptions(e, t), this.validatePasswordCharacterOptions(e, t), t.isValid && (t.isValid = t.meetsMinPasswordLength ?? !0), t.isValid && (t.isValid = t.meetsMaxPasswordLength ?? !0), t.isValid && (t.isValid = t.containsLowercaseLetter ?? !0), t.isValid && (t.isValid = t.containsUppercaseLetter ?? !0), t.isValid && (t.isValid = t.containsNumericCharacter ?? !0), t.isValid && (t.isValid = t.containsNonAlphanumericCharacter ?? !0), t;
  }
  /**
   * Validates that the password meets the length options for the policy.
   *
   * @param password Password to validate.
   * @param status Validation status.
   */
  validatePasswordLengthOptions(e, t) {
    const r = this.customStrengthOptions.minPasswordLength, s = this.customStrengthOptions.maxPasswordLength;
    r && (t.meetsMinPasswordLength = e.length >= r), s && (t.meetsMaxPasswordLength = e.length <= s);
  }
  /**
   * Validates that the password meets the character options for the policy.
   *
   * @param password Password to validate.
   * @param status Validation status.
   */
  validatePasswordCharacterOptions(e, t) {
    this.updatePasswordCharacterOptionsStatuses(
      t,
      /* containsLowercaseCharacter= */
      !1,
      /* containsUppercaseCharacter= */
      !1,
      /* containsNumericCharacter= */
      !1,
      /* containsNonAlphanumericCharacter= */
      !1
    );
    let r;
    for (let s = 0; s < e.length; s++)
      r = e.charAt(s), this.updatePasswordCharacterOptionsStatuses(
        t,
        /* containsLowercaseCharacter= */
        r >= "a" && r <= "z",
        /* containsUppercaseCharacter= */
        r >= "A" && r <= "Z",
        /* containsNumericCharacter= */
        r >= "0" && r <= "9",
        /* containsNonAlphanumericCharacter= */
        this.allowedNonAlphanumericCharacters.includes(r)
      );
  }
  /**
   * Updates the running validation status with the statuses for the character options.
   * Expected to be called each time a character is processed to update each option status
   * based on the current character.
   *
   * @param status Validation status.
   * @param containsLowercaseCharacter Whether the character is a lowercase letter.
   * @param containsUppercaseCharacter Whether the character is an uppercase letter.
   * @param containsNumericCharacter Whether the character is a numeric character.
   * @param containsNonAlphanumericCharacter Whether the character is a non-alphanumeric character.
   */
  updatePasswordCharacterOptionsStatuses(e, t, r, s, o) {
    this.customStrengthOptions.containsLowercaseLetter && (e.containsLowercaseLetter || (e.containsLowercaseLetter = t)), this.customStrengthOptions.containsUppercaseLetter && (e.containsUppercaseLetter || (e.containsUppercaseLetter = r)), this.customStrengthOptions.containsNumericCharacter && (e.containsNumericCharacter || (e.containsNumericCharacter = s)), this.customStrengthOptions.containsNonAlphanumericCharacter && (e.containsNonAlphanumericCharacter || (e.containsNonAlphanumericCharacter = o));
  }
}
class Pp {
  constructor(e, t, r, s) {
    this.app = e, this.heartbeatServiceProvider = t, this.appCheckServiceProvider = r, this.config = s, this.currentUser = null, this.emulatorConfig = null, this.operations = Promise.resolve(), this.authStateSubscription = new tc(this), this.idTokenSubscription = new tc(this), this.beforeStateQueue = new vp(this), this.redirectUser = null, this.isProactiveRefreshEnabled = !1, this.EXPECTED_PASSWORD_POLICY_SCHEMA_VERSION = 1, this._canInitEmulator = !0, this._isInitialized = !1, this._deleted = !1, this._initializationPromise = null, this._popupRedirectResolver = null, this._errorFactory = Vu, this._agentRecaptchaConfig = null, this._tenantRecaptchaConfigs = {}, this._projectPasswordPolicy = null, this._tenantPasswordPolicies = {}, this._resolvePersistenceManagerAvailable = void 0, this.lastNotifiedUid = void 0, this.languageCode = null, this.tenantId = null, this.settings = { appVerificationDisabledForTesting: !1 }, this.frameworks = [], this.name = e.name, this.clientVersion = s.sdkClientVersion, this._persistenceManagerAvailable = new Promise((o) => this._resolvePersistenceManagerAvailable = o);
  }
  _initializeWithPersistence(e, t) {
    return t && (this._popupRedirectResolver = Ge(t)), this._initializationPromise = this.queue(async () => {
      if (!this._deleted && (this.persistenceManager = await Xt.create(this, e), this._resolvePersistenceManagerAvailable?.(), !this._deleted)) {
        if (this._popupRedirectResolver?._shouldInitProactively)
          try {
            await this._popupRedirectResolver._initialize(this);
          } catch {
          }
        await this.initializeCurrentUser(t), this.lastNotifiedUid = this.currentUser?.uid || null, !this._deleted && (this._isInitialized = !0);
      }
    }), this._initializationPromise;
  }
  /**
   * If the persistence is changed in another window, the user manager will let us know
   */
  async _onStorageEvent() {
    if (this._deleted)
      return;
    const e = await this.assertedPersistence.getCurrentUser();
    if (!(!this.currentUser && !e)) {
      if (this.currentUser && e && this.currentUser.uid === e.uid) {
        this._currentUser._assign(e), await this.currentUser.getIdToken();
        return;
      }
      await this._updateCurrentUser(
        e,
        /* skipBeforeStateCallbacks */
        !0
      );
    }
  }
  async initializeCurrentUserFromIdToken(e) {
    try {
      const t = await Xr(this, { idToken: e }), r = await Le._fromGetAccountInfoResponse(this, t, e);
      await this.directlySetCurrentUser(r);
    } catch (t) {
      console.warn("FirebaseServerApp could not login user with provided authIdToken: ", t), await this.directlySetCurrentUser(null);
    }
  }
  async initializeCurrentUser(e) {
    if (be(this.app)) {
      const o = this.app.settings.authIdToken;
      return o ? new Promise((a) => {
        setTimeout(() => this.initializeCurrentUserFromIdToken(o).then(a, a));
      }) : this.directlySetCurrentUser(null);
    }
    const t = await this.assertedPersistence.getCurrentUser();
    let r = t, s = !1;
    if (e && this.config.authDomain) {
      await this.getOrInitRedirectPersistenceManager();
      const o = this.redirectUser?._redirectEventId, a = r?._redirectEventId, u = await this.tryRedirectSignIn(e);
      (!o || o === a) && u?.user && (r = u.user, s = !0);
    }
    if (!r)
      return this.directlySetCurrentUser(null);
    if (!r._redirectEventId) {
      if (s)
        try {
          await this.beforeStateQueue.runMiddleware(r);
        } catch (o) {
          r = t, this._popupRedirectResolver._overrideRedirectResult(this, () => Promise.reject(o));
        }
      return r ? this.reloadAndSetCurrentUserOrClear(r) : this.directlySetCurrentUser(null);
    }
    return k(
      this._popupRedirectResolver,
      this,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), await this.getOrInitRedirectPersistenceManager(), this.redirectUser && this.redirectUser._redirectEventId === r._redirectEventId ? this.directlySetCurrentUser(r) : this.reloadAndSetCurrentUserOrClear(r);
  }
  async tryRedirectSignIn(e) {
    let t = null;
    try {
      t = await this._popupRedirectResolver._completeRedirectFn(this, e, !0);
    } catch {
      await this._setRedirectUser(null);
    }
    return t;
  }
  async reloadAndSetCurrentUserOrClear(e) {
    try {
      await Zr(e);
    } catch (t) {
      if (t?.code !== "auth/network-request-failed")
        return this.directlySetCurrentUser(null);
    }
    return this.directlySetCurrentUser(e);
  }
  useDeviceLanguage() {
    this.languageCode = op();
  }
  async _delete() {
    this._deleted = !0;
  }
  async updateCurrentUser(e) {
    if (be(this.app))
      return Promise.reject(je(this));
    const t = e ? ae(e) : null;
    return t && k(
      t.auth.config.apiKey === this.config.apiKey,
      this,
      "invalid-user-token"
      /* AuthErrorCode.INVALID_AUTH */
    ), this._updateCurrentUser(t && t._clone(this));
  }
  async _updateCurrentUser(e, t = !1) {
    if (!this._deleted)
      return e && k(
        this.tenantId === e.tenantId,
        this,
        "tenant-id-mismatch"
        /* AuthErrorCode.TENANT_ID_MISMATCH */
      ), t || await this.beforeStateQueue.runMiddleware(e), this.queue(async () => {
        await this.directlySetCurrentUser(e), this.notifyAuthListeners();
      });
  }
  async signOut() {
    return be(this.app) ? Promise.reject(je(this)) : (await this.beforeStateQueue.runMiddleware(null), (this.redirectPersistenceManager || this._popupRedirectResolver) && await this._setRedirectUser(null), this._updateCurrentUser(
      null,
      /* skipBeforeStateCallbacks */
      !0
    ));
  }
  setPersistence(e) {
    return be(this.app) ? Promise.reject(je(this)) : this.queue(async () => {
      await this.assertedPersistence.setPersistence(Ge(e));
    });
  }
  _getRecaptchaConfig() {
    return this.tenantId == null ? this._agentRecaptchaConfig : this._tenantRecaptchaConfigs[this.tenantId];
  }
  async validatePassword(e) {
    this._getPasswordPolicyInternal() || await this._updatePasswordPolicy();
    const t = this._getPasswordPolicyInternal();
    return t.schemaVersion !== this.EXPECTED_PASSWORD_POLICY_SCHEMA_VERSION ? Promise.reject(this._errorFactory.create("unsupported-password-policy-schema-version", {})) : t.validatePassword(e);
  }
  _getPasswordPolicyInternal() {
    return this.tenantId === null ? this._projectPasswordPolicy : this._tenantPasswordPolicies[this.tenantId];
  }
  async _updatePasswordPolicy() {
    const e = await Ap(this), t = new Sp(e);
    this.tenantId === null ? this._projectPasswordPolicy = t : this._tenantPasswordPolicies[this.tenantId] = t;
  }
  _getPersistenceType() {
    return this.assertedPersistence.persistence.type;
  }
  _getPersistence() {
    return this.assertedPersistence.persistence;
  }
  _updateErrorMap(e) {
    this._errorFactory = new lr("auth", "Firebase", e());
  }
  onAuthStateChanged(e, t, r) {
    return this.registerStateListener(this.authStateSubscription, e, t, r);
  }
  beforeAuthStateChanged(e, t) {
    return this.beforeStateQueue.pushCallback(e, t);
  }
  onIdTokenChanged(e, t, r) {
    return this.registerStateListener(this.idTokenSubscription, e, t, r);
  }
  authStateReady() {
    return new Promise((e, t) => {
      if (this.currentUser)
        e();
      else {
        const r = this.onAuthStateChanged(() => {
          r(), e();
        }, t);
      }
    });
  }
  /**
   * Revokes the given access token. Currently only supports Apple OAuth access tokens.
   */
  async revokeAccessToken(e) {
    if (this.currentUser) {
      const t = await this.currentUser.getIdToken(), r = {
        providerId: "apple.com",
        tokenType: "ACCESS_TOKEN",
        token: e,
        idToken: t
      };
      this.tenantId != null && (r.tenantId = this.tenantId), await Ip(this, r);
    }
  }
  toJSON() {
    return {
      apiKey: this.config.apiKey,
      authDomain: this.config.authDomain,
      appName: this.name,
      currentUser: this._currentUser?.toJSON()
    };
  }
  async _setRedirectUser(e, t) {
    const r = await this.getOrInitRedirectPersistenceManager(t);
    return e === null ? r.removeCurrentUser() : r.setCurrentUser(e);
  }
  async getOrInitRedirectPersistenceManager(e) {
    if (!this.redirectPersistenceManager) {
      const t = e && Ge(e) || this._popupRedirectResolver;
      k(
        t,
        this,
        "argument-error"
        /* AuthErrorCode.ARGUMENT_ERROR */
      ), this.redirectPersistenceManager = await Xt.create(
        this,
        [Ge(t._redirectPersistence)],
        "redirectUser"
        /* KeyName.REDIRECT_USER */
      ), this.redirectUser = await this.redirectPersistenceManager.getCurrentUser();
    }
    return this.redirectPersistenceManager;
  }
  async _redirectUserForId(e) {
    return this._isInitialized && await this.queue(async () => {
    }), this._currentUser?._redirectEventId === e ? this._currentUser : this.redirectUser?._redirectEventId === e ? this.redirectUser : null;
  }
  async _persistUserIfCurrent(e) {
    if (e === this.currentUser)
      return this.queue(async () => this.directlySetCurrentUser(e));
  }
  /** Notifies listeners only if the user is current */
  _notifyListenersIfCurrent(e) {
    e === this.currentUser && this.notifyAuthListeners();
  }
  _key() {
    return `${this.config.authDomain}:${this.config.apiKey}:${this.name}`;
  }
  _startProactiveRefresh() {
    this.isProactiveRefreshEnabled = !0, this.currentUser && this._currentUser._startProactiveRefresh();
  }
  _stopProactiveRefresh() {
    this.isProactiveRefreshEnabled = !1, this.currentUser && this._currentUser._stopProactiveRefresh();
  }
  /** Returns the current user cast as the internal type */
  get _currentUser() {
    return this.currentUser;
  }
  notifyAuthListeners() {
    if (!this._isInitialized)
      return;
    this.idTokenSubscription.next(this.currentUser);
    const e = this.currentUser?.uid ?? null;
    this.lastNotifiedUid !== e && (this.lastNotifiedUid = e, this.authStateSubscription.next(this.currentUser));
  }
  registerStateListener(e, t, r, s) {
    if (this._deleted)
      return () => {
      };
    const o = typeof t == "function" ? t : t.next.bind(t);
    let a = !1;
    const u = this._isInitialized ? Promise.resolve() : this._initializationPromise;
    if (k(
      u,
      this,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), u.then(() => {
      a || o(this.currentUser);
    }), typeof t == "function") {
      const h = e.addObserver(t, r, s);
      return () => {
        a = !0, h();
      };
    } else {
      const h = e.addObserver(t);
      return () => {
        a = !0, h();
      };
    }
  }
  /**
   * Unprotected (from race conditions) method to set the current user. This
   * should only be called from within a queued callback. This is necessary
   * because the queue shouldn't rely on another queued callback.
   */
  async directlySetCurrentUser(e) {
    this.currentUser && this.currentUser !== e && this._currentUser._stopProactiveRefresh(), e && this.isProactiveRefreshEnabled && e._startProactiveRefresh(), this.currentUser = e, e ? await this.assertedPersistence.setCurrentUser(e) : await this.assertedPersistence.removeCurrentUser();
  }
  queue(e) {
    return this.operations = this.operations.then(e, e), this.operations;
  }
  get assertedPersistence() {
    return k(
      this.persistenceManager,
      this,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.persistenceManager;
  }
  _logFramework(e) {
    !e || this.frameworks.includes(e) || (this.frameworks.push(e), this.frameworks.sort(), this.clientVersion = Qu(this.config.clientPlatform, this._getFrameworks()));
  }
  _getFrameworks() {
    return this.frameworks;
  }
  async _getAdditionalHeaders() {
    const e = {
      "X-Client-Version": this.clientVersion
    };
    this.app.options.appId && (e[
      "X-Firebase-gmpid"
      /* HttpHeader.X_FIREBASE_GMPID */
    ] = this.app.options.appId);
    const t = await this.heartbeatServiceProvider.getImmediate({
      optional: !0
    })?.getHeartbeatsHeader();
    t && (e[
      "X-Firebase-Client"
      /* HttpHeader.X_FIREBASE_CLIENT */
    ] = t);
    const r = await this._getAppCheckToken();
    return r && (e[
      "X-Firebase-AppCheck"
      /* HttpHeader.X_FIREBASE_APP_CHECK */
    ] = r), e;
  }
  async _getAppCheckToken() {
    if (be(this.app) && this.app.settings.appCheckToken)
      return this.app.settings.appCheckToken;
    const e = await this.appCheckServiceProvider.getImmediate({ optional: !0 })?.getToken();
    return e?.error && sp(`Error while retrieving App Check token: ${e.error}`), e?.token;
  }
}
function De(n) {
  return ae(n);
}
class tc {
  constructor(e) {
    this.auth = e, this.observer = null, this.addObserver = jd((t) => this.observer = t);
  }
  get next() {
    return k(
      this.observer,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.observer.next.bind(this.observer);
  }
}
let dr = {
  async loadJS() {
    throw new Error("Unable to load external scripts");
  },
  recaptchaV2Script: "",
  recaptchaEnterpriseScript: "",
  gapiScript: ""
};
function Cp(n) {
  dr = n;
}
function Ji(n) {
  return dr.loadJS(n);
}
function bp() {
  return dr.recaptchaV2Script;
}
function kp() {
  return dr.recaptchaEnterpriseScript;
}
function Vp() {
  return dr.gapiScript;
}
function Ju(n) {
  return `__${n}${Math.floor(Math.random() * 1e6)}`;
}
const Np = 500, Dp = 6e4, Or = 1e12;
class Op {
  constructor(e) {
    this.auth = e, this.counter = Or, this._widgets = /* @__PURE__ */ new Map();
  }
  render(e, t) {
    const r = this.counter;
    return this._widgets.set(r, new xp(e, this.auth.name, t || {})), this.counter++, r;
  }
  reset(e) {
    const t = e || Or;
    this._widgets.get(t)?.delete(), this._widgets.delete(t);
  }
  getResponse(e) {
    const t = e || Or;
    return this._widgets.get(t)?.getResponse() || "";
  }
  async execute(e) {
    const t = e || Or;
    return this._widgets.get(t)?.execute(), "";
  }
}
class Lp {
  constructor() {
    this.enterprise = new Mp();
  }
  ready(e) {
    e();
  }
  execute(e, t) {
    return Promise.resolve("token");
  }
  render(e, t) {
    return "";
  }
}
class Mp {
  ready(e) {
    e();
  }
  execute(e, t) {
    return Promise.resolve("token");
  }
  render(e, t) {
    return "";
  }
}
class xp {
  constructor(e, t, r) {
    this.params = r, this.timerId = null, this.deleted = !1, this.responseToken = null, this.clickHandler = () => {
      this.execute();
    };
    const s = typeof e == "string" ? document.getElementById(e) : e;
    k(s, "argument-error", { appName: t }), this.container = s, this.isVisible = this.params.size !== "invisible", this.isVisible ? this.execute() : this.container.addEventListener("click", this.clickHandler);
  }
  getResponse() {
    return this.checkIfDeleted(), this.responseToken;
  }
  delete() {
    this.checkIfDeleted(), this.deleted = !0, this.timerId && (clearTimeout(this.timerId), this.timerId = null), this.container.removeEventListener("click", this.clickHandler);
  }
  execute() {
    this.checkIfDeleted(), !this.timerId && (this.timerId = window.setTimeout(() => {
      this.responseToken = Fp(50);
      const { callback: e, "expired-callback": t } = this.params;
      if (e)
        try {
          e(this.responseToken);
        } catch {
        }
      this.timerId = window.setTimeout(() => {
        if (this.timerId = null, this.responseToken = null, t)
          try {
            t();
          } catch {
          }
        this.isVisible && this.execute();
      }, Dp);
    }, Np));
  }
  checkIfDeleted() {
    if (this.deleted)
      throw new Error("reCAPTCHA mock was already deleted!");
  }
}
function Fp(n) {
  const e = [], t = "1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let r = 0; r < n; r++)
    e.push(t.charAt(Math.floor(Math.random() * t.length)));
  return e.join("");
}
const Up = "recaptcha-enterprise", Qn = "NO_RECAPTCHA";
class Yu {
  /**
   *
   * @param authExtern - The corresponding Firebase {@link Auth} instance.
   *
   */
  constructor(e) {
    this.type = Up, this.auth = De(e);
  }
  /**
   * Executes the verification process.
   *
   * @returns A Promise for a token that can be used to assert the validity of a request.
   */
  async verify(e = "verify", t = !1) {
    async function r(o) {
      if (!t) {
        if (o.tenantId == null && o._agentRecaptchaConfig != null)
          return o._agentRecaptchaConfig.siteKey;
        if (o.tenantId != null && o._tenantRecaptchaConfigs[o.tenantId] !== void 0)
          return o._tenantRecaptchaConfigs[o.tenantId].siteKey;
      }
      return new Promise(async (a, u) => {
        Fu(o, {
          clientType: "CLIENT_TYPE_WEB",
          version: "RECAPTCHA_ENTERPRISE"
          /* RecaptchaVersion.ENTERPRISE */
        }).then((h) => {
          if (h.recaptchaKey === void 0)
            u(new Error("recaptcha Enterprise site key undefined"));
          else {
            const d = new xu(h);
            return o.tenantId == null ? o._agentRecaptchaConfig = d : o._tenantRecaptchaConfigs[o.tenantId] = d, a(d.siteKey);
          }
        }).catch((h) => {
          u(h);
        });
      });
    }
    function s(o, a, u) {
      const h = window.grecaptcha;
      Ja(h) ? h.enterprise.ready(() => {
        h.enterprise.execute(o, { action: e }).then((d) => {
          a(d);
        }).catch(() => {
          a(Qn);
        });
      }) : u(Error("No reCAPTCHA enterprise script loaded."));
    }
    return this.auth.settings.appVerificationDisabledForTesting ? new Lp().execute("siteKey", { action: "verify" }) : new Promise((o, a) => {
      r(this.auth).then((u) => {
        if (!t && Ja(window.grecaptcha))
          s(u, o, a);
        else {
          if (typeof window > "u") {
            a(new Error("RecaptchaVerifier is only supported in browser"));
            return;
          }
          let h = kp();
          h.length !== 0 && (h += u), Ji(h).then(() => {
            s(u, o, a);
          }).catch((d) => {
            a(d);
          });
        }
      }).catch((u) => {
        a(u);
      });
    });
  }
}
async function Fn(n, e, t, r = !1, s = !1) {
  const o = new Yu(n);
  let a;
  if (s)
    a = Qn;
  else
    try {
      a = await o.verify(t);
    } catch {
      a = await o.verify(t, !0);
    }
  const u = { ...e };
  if (t === "mfaSmsEnrollment" || t === "mfaSmsSignIn") {
    if ("phoneEnrollmentInfo" in u) {
      const h = u.phoneEnrollmentInfo.phoneNumber, d = u.phoneEnrollmentInfo.recaptchaToken;
      Object.assign(u, {
        phoneEnrollmentInfo: {
          phoneNumber: h,
          recaptchaToken: d,
          captchaResponse: a,
          clientType: "CLIENT_TYPE_WEB",
          recaptchaVersion: "RECAPTCHA_ENTERPRISE"
          /* RecaptchaVersion.ENTERPRISE */
        }
      });
    } else if ("phoneSignInInfo" in u) {
      const h = u.phoneSignInInfo.recaptchaToken;
      Object.assign(u, {
        phoneSignInInfo: {
          recaptchaToken: h,
          captchaResponse: a,
          clientType: "CLIENT_TYPE_WEB",
          recaptchaVersion: "RECAPTCHA_ENTERPRISE"
          /* RecaptchaVersion.ENTERPRISE */
        }
      });
    }
    return u;
  }
  return r ? Object.assign(u, { captchaResp: a }) : Object.assign(u, { captchaResponse: a }), Object.assign(u, {
    clientType: "CLIENT_TYPE_WEB"
    /* RecaptchaClientType.WEB */
  }), Object.assign(u, {
    recaptchaVersion: "RECAPTCHA_ENTERPRISE"
    /* RecaptchaVersion.ENTERPRISE */
  }), u;
}
async function Nt(n, e, t, r, s) {
  if (s === "EMAIL_PASSWORD_PROVIDER")
    if (n._getRecaptchaConfig()?.isProviderEnabled(
      "EMAIL_PASSWORD_PROVIDER"
      /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
    )) {
      const o = await Fn(
        n,
        e,
        t,
        t === "getOobCode"
        /* RecaptchaActionName.GET_OOB_CODE */
      );
      return r(n, o);
    } else
      return r(n, e).catch(async (o) => {
        if (o.code === "auth/missing-recaptcha-token") {
          console.log(`${t} is protected by reCAPTCHA Enterprise for this project. Automatically triggering the reCAPTCHA flow and restarting the flow.`);
          const a = await Fn(
            n,
            e,
            t,
            t === "getOobCode"
            /* RecaptchaActionName.GET_OOB_CODE */
          );
          return r(n, a);
        } else
          return Promise.reject(o);
      });
  else if (s === "PHONE_PROVIDER")
    if (n._getRecaptchaConfig()?.isProviderEnabled(
      "PHONE_PROVIDER"
      /* RecaptchaAuthProvider.PHONE_PROVIDER */
    )) {
      const o = await Fn(n, e, t);
      return r(n, o).catch(async (a) => {
        if (n._getRecaptchaConfig()?.getProviderEnforcementState(
          "PHONE_PROVIDER"
          /* RecaptchaAuthProvider.PHONE_PROVIDER */
        ) === "AUDIT" && (a.code === "auth/missing-recaptcha-token" || a.code === "auth/invalid-app-credential")) {
          console.log(`Failed to verify with reCAPTCHA Enterprise. Automatically triggering the reCAPTCHA v2 flow to complete the ${t} flow.`);
          const u = await Fn(
            n,
            e,
            t,
            !1,
            // isCaptchaResp
            !0
            // isFakeToken
          );
          return r(n, u);
        }
        return Promise.reject(a);
      });
    } else {
      const o = await Fn(
        n,
        e,
        t,
        !1,
        // isCaptchaResp
        !0
        // isFakeToken
      );
      return r(n, o);
    }
  else
    return Promise.reject(s + " provider is not supported.");
}
async function Bp(n) {
  const e = De(n), t = await Fu(e, {
    clientType: "CLIENT_TYPE_WEB",
    version: "RECAPTCHA_ENTERPRISE"
    /* RecaptchaVersion.ENTERPRISE */
  }), r = new xu(t);
  e.tenantId == null ? e._agentRecaptchaConfig = r : e._tenantRecaptchaConfigs[e.tenantId] = r, r.isAnyProviderEnabled() && new Yu(e).verify();
}
function qp(n, e) {
  const t = zi(n, "auth");
  if (t.isInitialized()) {
    const s = t.getImmediate(), o = t.getOptions();
    if (Mt(o, e ?? {}))
      return s;
    Ne(
      s,
      "already-initialized"
      /* AuthErrorCode.ALREADY_INITIALIZED */
    );
  }
  return t.initialize({ options: e });
}
function jp(n, e) {
  const t = e?.persistence || [], r = (Array.isArray(t) ? t : [t]).map(Ge);
  e?.errorMap && n._updateErrorMap(e.errorMap), n._initializeWithPersistence(r, e?.popupRedirectResolver);
}
function $p(n, e, t) {
  const r = De(n);
  k(
    /^https?:\/\//.test(e),
    r,
    "invalid-emulator-scheme"
    /* AuthErrorCode.INVALID_EMULATOR_SCHEME */
  );
  const s = !!t?.disableWarnings, o = Xu(e), { host: a, port: u } = Hp(e), h = u === null ? "" : `:${u}`, d = { url: `${o}//${a}${h}/` }, p = Object.freeze({
    host: a,
    port: u,
    protocol: o.replace(":", ""),
    options: Object.freeze({ disableWarnings: s })
  });
  if (!r._canInitEmulator) {
    k(
      r.config.emulator && r.emulatorConfig,
      r,
      "emulator-config-failed"
      /* AuthErrorCode.EMULATOR_CONFIG_FAILED */
    ), k(
      Mt(d, r.config.emulator) && Mt(p, r.emulatorConfig),
      r,
      "emulator-config-failed"
      /* AuthErrorCode.EMULATOR_CONFIG_FAILED */
    );
    return;
  }
  r.config.emulator = d, r.emulatorConfig = p, r.settings.appVerificationDisabledForTesting = !0, fn(a) ? (vu(`${o}//${a}${h}`), Au("Auth", !0)) : s || zp();
}
function Xu(n) {
  const e = n.indexOf(":");
  return e < 0 ? "" : n.substr(0, e + 1);
}
function Hp(n) {
  const e = Xu(n), t = /(\/\/)?([^?#/]+)/.exec(n.substr(e.length));
  if (!t)
    return { host: "", port: null };
  const r = t[2].split("@").pop() || "", s = /^(\[[^\]]+\])(:|$)/.exec(r);
  if (s) {
    const o = s[1];
    return { host: o, port: nc(r.substr(o.length + 1)) };
  } else {
    const [o, a] = r.split(":");
    return { host: o, port: nc(a) };
  }
}
function nc(n) {
  if (!n)
    return null;
  const e = Number(n);
  return isNaN(e) ? null : e;
}
function zp() {
  function n() {
    const e = document.createElement("p"), t = e.style;
    e.innerText = "Running in emulator mode. Do not use with production credentials.", t.position = "fixed", t.width = "100%", t.backgroundColor = "#ffffff", t.border = ".1em solid #000000", t.color = "#b50000", t.bottom = "0px", t.left = "0px", t.margin = "0px", t.zIndex = "10000", t.textAlign = "center", e.classList.add("firebase-emulator-warning"), document.body.appendChild(e);
  }
  typeof console < "u" && typeof console.info == "function" && console.info("WARNING: You are using the Auth Emulator, which is intended for local testing only.  Do not use with production credentials."), typeof window < "u" && typeof document < "u" && (document.readyState === "loading" ? window.addEventListener("DOMContentLoaded", n) : n());
}
class ms {
  /** @internal */
  constructor(e, t) {
    this.providerId = e, this.signInMethod = t;
  }
  /**
   * Returns a JSON-serializable representation of this object.
   *
   * @returns a JSON-serializable representation of this object.
   */
  toJSON() {
    return We("not implemented");
  }
  /** @internal */
  _getIdTokenResponse(e) {
    return We("not implemented");
  }
  /** @internal */
  _linkToIdToken(e, t) {
    return We("not implemented");
  }
  /** @internal */
  _getReauthenticationResolver(e) {
    return We("not implemented");
  }
}
async function Zu(n, e) {
  return Pe(n, "POST", "/v1/accounts:resetPassword", we(n, e));
}
async function Wp(n, e) {
  return Pe(n, "POST", "/v1/accounts:signUp", e);
}
async function Gp(n, e) {
  return wt(n, "POST", "/v1/accounts:signInWithPassword", we(n, e));
}
async function Kp(n, e) {
  return Pe(n, "POST", "/v1/accounts:sendOobCode", we(n, e));
}
async function Qp(n, e) {
  return Kp(n, e);
}
async function Jp(n, e) {
  return wt(n, "POST", "/v1/accounts:signInWithEmailLink", we(n, e));
}
async function Yp(n, e) {
  return wt(n, "POST", "/v1/accounts:signInWithEmailLink", we(n, e));
}
class sr extends ms {
  /** @internal */
  constructor(e, t, r, s = null) {
    super("password", r), this._email = e, this._password = t, this._tenantId = s;
  }
  /** @internal */
  static _fromEmailAndPassword(e, t) {
    return new sr(
      e,
      t,
      "password"
      /* SignInMethod.EMAIL_PASSWORD */
    );
  }
  /** @internal */
  static _fromEmailAndCode(e, t, r = null) {
    return new sr(e, t, "emailLink", r);
  }
  /** {@inheritdoc AuthCredential.toJSON} */
  toJSON() {
    return {
      email: this._email,
      password: this._password,
      signInMethod: this.signInMethod,
      tenantId: this._tenantId
    };
  }
  /**
   * Static method to deserialize a JSON representation of an object into an {@link  AuthCredential}.
   *
   * @param json - Either `object` or the stringified representation of the object. When string is
   * provided, `JSON.parse` would be called first.
   *
   * @returns If the JSON input does not represent an {@link AuthCredential}, null is returned.
   */
  static fromJSON(e) {
    const t = typeof e == "string" ? JSON.parse(e) : e;
    if (t?.email && t?.password) {
      if (t.signInMethod === "password")
        return this._fromEmailAndPassword(t.email, t.password);
      if (t.signInMethod === "emailLink")
        return this._fromEmailAndCode(t.email, t.password, t.tenantId);
    }
    return null;
  }
  /** @internal */
  async _getIdTokenResponse(e) {
    switch (this.signInMethod) {
      case "password":
        const t = {
          returnSecureToken: !0,
          email: this._email,
          password: this._password,
          clientType: "CLIENT_TYPE_WEB"
          /* RecaptchaClientType.WEB */
        };
        return Nt(
          e,
          t,
          "signInWithPassword",
          Gp,
          "EMAIL_PASSWORD_PROVIDER"
          /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
        );
      case "emailLink":
        return Jp(e, {
          email: this._email,
          oobCode: this._password
        });
      default:
        Ne(
          e,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
    }
  }
  /** @internal */
  async _linkToIdToken(e, t) {
    switch (this.signInMethod) {
      case "password":
        const r = {
          idToken: t,
          returnSecureToken: !0,
          email: this._email,
          password: this._password,
          clientType: "CLIENT_TYPE_WEB"
          /* RecaptchaClientType.WEB */
        };
        return Nt(
          e,
          r,
          "signUpPassword",
          Wp,
          "EMAIL_PASSWORD_PROVIDER"
          /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
        );
      case "emailLink":
        return Yp(e, {
          idToken: t,
          email: this._email,
          oobCode: this._password
        });
      default:
        Ne(
          e,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
    }
  }
  /** @internal */
  _getReauthenticationResolver(e) {
    return this._getIdTokenResponse(e);
  }
}
async function Zt(n, e) {
  return wt(n, "POST", "/v1/accounts:signInWithIdp", we(n, e));
}
const Xp = "http://localhost";
class Ft extends ms {
  constructor() {
    super(...arguments), this.pendingToken = null;
  }
  /** @internal */
  static _fromParams(e) {
    const t = new Ft(e.providerId, e.signInMethod);
    return e.idToken || e.accessToken ? (e.idToken && (t.idToken = e.idToken), e.accessToken && (t.accessToken = e.accessToken), e.nonce && !e.pendingToken && (t.nonce = e.nonce), e.pendingToken && (t.pendingToken = e.pendingToken)) : e.oauthToken && e.oauthTokenSecret ? (t.accessToken = e.oauthToken, t.secret = e.oauthTokenSecret) : Ne(
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), t;
  }
  /** {@inheritdoc AuthCredential.toJSON}  */
  toJSON() {
    return {
      idToken: this.idToken,
      accessToken: this.accessToken,
      secret: this.secret,
      nonce: this.nonce,
      pendingToken: this.pendingToken,
      providerId: this.providerId,
      signInMethod: this.signInMethod
    };
  }
  /**
   * Static method to deserialize a JSON representation of an object into an
   * {@link  AuthCredential}.
   *
   * @param json - Input can be either Object or the stringified representation of the object.
   * When string is provided, JSON.parse would be called first.
   *
   * @returns If the JSON input does not represent an {@link  AuthCredential}, null is returned.
   */
  static fromJSON(e) {
    const t = typeof e == "string" ? JSON.parse(e) : e, { providerId: r, signInMethod: s, ...o } = t;
    if (!r || !s)
      return null;
    const a = new Ft(r, s);
    return a.idToken = o.idToken || void 0, a.accessToken = o.accessToken || void 0, a.secret = o.secret, a.nonce = o.nonce, a.pendingToken = o.pendingToken || null, a;
  }
  /** @internal */
  _getIdTokenResponse(e) {
    const t = this.buildRequest();
    return Zt(e, t);
  }
  /** @internal */
  _linkToIdToken(e, t) {
    const r = this.buildRequest();
    return r.idToken = t, Zt(e, r);
  }
  /** @internal */
  _getReauthenticationResolver(e) {
    const t = this.buildRequest();
    return t.autoCreate = !1, Zt(e, t);
  }
  buildRequest() {
    const e = {
      requestUri: Xp,
      returnSecureToken: !0
    };
    if (this.pendingToken)
      e.pendingToken = this.pendingToken;
    else {
      const t = {};
      this.idToken && (t.id_token = this.idToken), this.accessToken && (t.access_token = this.accessToken), this.secret && (t.oauth_token_secret = this.secret), t.providerId = this.providerId, this.nonce && !this.pendingToken && (t.nonce = this.nonce), e.postBody = pn(t);
    }
    return e;
  }
}
async function rc(n, e) {
  return Pe(n, "POST", "/v1/accounts:sendVerificationCode", we(n, e));
}
async function Zp(n, e) {
  return wt(n, "POST", "/v1/accounts:signInWithPhoneNumber", we(n, e));
}
async function em(n, e) {
  const t = await wt(n, "POST", "/v1/accounts:signInWithPhoneNumber", we(n, e));
  if (t.temporaryProof)
    throw jn(n, "account-exists-with-different-credential", t);
  return t;
}
const tm = {
  USER_NOT_FOUND: "user-not-found"
  /* AuthErrorCode.USER_DELETED */
};
async function nm(n, e) {
  const t = {
    ...e,
    operation: "REAUTH"
  };
  return wt(n, "POST", "/v1/accounts:signInWithPhoneNumber", we(n, t), tm);
}
class Jn extends ms {
  constructor(e) {
    super(
      "phone",
      "phone"
      /* SignInMethod.PHONE */
    ), this.params = e;
  }
  /** @internal */
  static _fromVerification(e, t) {
    return new Jn({ verificationId: e, verificationCode: t });
  }
  /** @internal */
  static _fromTokenResponse(e, t) {
    return new Jn({ phoneNumber: e, temporaryProof: t });
  }
  /** @internal */
  _getIdTokenResponse(e) {
    return Zp(e, this._makeVerificationRequest());
  }
  /** @internal */
  _linkToIdToken(e, t) {
    return em(e, {
      idToken: t,
      ...this._makeVerificationRequest()
    });
  }
  /** @internal */
  _getReauthenticationResolver(e) {
    return nm(e, this._makeVerificationRequest());
  }
  /** @internal */
  _makeVerificationRequest() {
    const { temporaryProof: e, phoneNumber: t, verificationId: r, verificationCode: s } = this.params;
    return e && t ? { temporaryProof: e, phoneNumber: t } : {
      sessionInfo: r,
      code: s
    };
  }
  /** {@inheritdoc AuthCredential.toJSON} */
  toJSON() {
    const e = {
      providerId: this.providerId
    };
    return this.params.phoneNumber && (e.phoneNumber = this.params.phoneNumber), this.params.temporaryProof && (e.temporaryProof = this.params.temporaryProof), this.params.verificationCode && (e.verificationCode = this.params.verificationCode), this.params.verificationId && (e.verificationId = this.params.verificationId), e;
  }
  /** Generates a phone credential based on a plain object or a JSON string. */
  static fromJSON(e) {
    typeof e == "string" && (e = JSON.parse(e));
    const { verificationId: t, verificationCode: r, phoneNumber: s, temporaryProof: o } = e;
    return !r && !t && !s && !o ? null : new Jn({
      verificationId: t,
      verificationCode: r,
      phoneNumber: s,
      temporaryProof: o
    });
  }
}
function rm(n) {
  switch (n) {
    case "recoverEmail":
      return "RECOVER_EMAIL";
    case "resetPassword":
      return "PASSWORD_RESET";
    case "signIn":
      return "EMAIL_SIGNIN";
    case "verifyEmail":
      return "VERIFY_EMAIL";
    case "verifyAndChangeEmail":
      return "VERIFY_AND_CHANGE_EMAIL";
    case "revertSecondFactorAddition":
      return "REVERT_SECOND_FACTOR_ADDITION";
    default:
      return null;
  }
}
function sm(n) {
  const e = Bn(qn(n)).link, t = e ? Bn(qn(e)).deep_link_id : null, r = Bn(qn(n)).deep_link_id;
  return (r ? Bn(qn(r)).link : null) || r || t || e || n;
}
class Yi {
  /**
   * @param actionLink - The link from which to extract the URL.
   * @returns The {@link ActionCodeURL} object, or null if the link is invalid.
   *
   * @internal
   */
  constructor(e) {
    const t = Bn(qn(e)), r = t.apiKey ?? null, s = t.oobCode ?? null, o = rm(t.mode ?? null);
    k(
      r && s && o,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), this.apiKey = r, this.operation = o, this.code = s, this.continueUrl = t.continueUrl ?? null, this.languageCode = t.lang ?? null, this.tenantId = t.tenantId ?? null;
  }
  /**
   * Parses the email action link string and returns an {@link ActionCodeURL} if the link is valid,
   * otherwise returns null.
   *
   * @param link  - The email action link string.
   * @returns The {@link ActionCodeURL} object, or null if the link is invalid.
   *
   * @public
   */
  static parseLink(e) {
    const t = sm(e);
    try {
      return new Yi(t);
    } catch {
      return null;
    }
  }
}
class gn {
  constructor() {
    this.providerId = gn.PROVIDER_ID;
  }
  /**
   * Initialize an {@link AuthCredential} using an email and password.
   *
   * @example
   * ```javascript
   * const authCredential = EmailAuthProvider.credential(email, password);
   * const userCredential = await signInWithCredential(auth, authCredential);
   * ```
   *
   * @example
   * ```javascript
   * const userCredential = await signInWithEmailAndPassword(auth, email, password);
   * ```
   *
   * @param email - Email address.
   * @param password - User account password.
   * @returns The auth provider credential.
   */
  static credential(e, t) {
    return sr._fromEmailAndPassword(e, t);
  }
  /**
   * Initialize an {@link AuthCredential} using an email and an email link after a sign in with
   * email link operation.
   *
   * @example
   * ```javascript
   * const authCredential = EmailAuthProvider.credentialWithLink(auth, email, emailLink);
   * const userCredential = await signInWithCredential(auth, authCredential);
   * ```
   *
   * @example
   * ```javascript
   * await sendSignInLinkToEmail(auth, email);
   * // Obtain emailLink from user.
   * const userCredential = await signInWithEmailLink(auth, email, emailLink);
   * ```
   *
   * @param auth - The {@link Auth} instance used to verify the link.
   * @param email - Email address.
   * @param emailLink - Sign-in email link.
   * @returns - The auth provider credential.
   */
  static credentialWithLink(e, t) {
    const r = Yi.parseLink(t);
    return k(
      r,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), sr._fromEmailAndCode(e, r.code, r.tenantId);
  }
}
gn.PROVIDER_ID = "password";
gn.EMAIL_PASSWORD_SIGN_IN_METHOD = "password";
gn.EMAIL_LINK_SIGN_IN_METHOD = "emailLink";
class el {
  /**
   * Constructor for generic OAuth providers.
   *
   * @param providerId - Provider for which credentials should be generated.
   */
  constructor(e) {
    this.providerId = e, this.defaultLanguageCode = null, this.customParameters = {};
  }
  /**
   * Set the language gode.
   *
   * @param languageCode - language code
   */
  setDefaultLanguage(e) {
    this.defaultLanguageCode = e;
  }
  /**
   * Sets the OAuth custom parameters to pass in an OAuth request for popup and redirect sign-in
   * operations.
   *
   * @remarks
   * For a detailed list, check the reserved required OAuth 2.0 parameters such as `client_id`,
   * `redirect_uri`, `scope`, `response_type`, and `state` are not allowed and will be ignored.
   *
   * @param customOAuthParameters - The custom OAuth parameters to pass in the OAuth request.
   */
  setCustomParameters(e) {
    return this.customParameters = e, this;
  }
  /**
   * Retrieve the current list of {@link CustomParameters}.
   */
  getCustomParameters() {
    return this.customParameters;
  }
}
class fr extends el {
  constructor() {
    super(...arguments), this.scopes = [];
  }
  /**
   * Add an OAuth scope to the credential.
   *
   * @param scope - Provider OAuth scope to add.
   */
  addScope(e) {
    return this.scopes.includes(e) || this.scopes.push(e), this;
  }
  /**
   * Retrieve the current list of OAuth scopes.
   */
  getScopes() {
    return [...this.scopes];
  }
}
class it extends fr {
  constructor() {
    super(
      "facebook.com"
      /* ProviderId.FACEBOOK */
    );
  }
  /**
   * Creates a credential for Facebook.
   *
   * @example
   * ```javascript
   * // `event` from the Facebook auth.authResponseChange callback.
   * const credential = FacebookAuthProvider.credential(event.authResponse.accessToken);
   * const result = await signInWithCredential(credential);
   * ```
   *
   * @param accessToken - Facebook access token.
   */
  static credential(e) {
    return Ft._fromParams({
      providerId: it.PROVIDER_ID,
      signInMethod: it.FACEBOOK_SIGN_IN_METHOD,
      accessToken: e
    });
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link UserCredential}.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromResult(e) {
    return it.credentialFromTaggedObject(e);
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link AuthError} which was
   * thrown during a sign-in, link, or reauthenticate operation.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromError(e) {
    return it.credentialFromTaggedObject(e.customData || {});
  }
  static credentialFromTaggedObject({ _tokenResponse: e }) {
    if (!e || !("oauthAccessToken" in e) || !e.oauthAccessToken)
      return null;
    try {
      return it.credential(e.oauthAccessToken);
    } catch {
      return null;
    }
  }
}
it.FACEBOOK_SIGN_IN_METHOD = "facebook.com";
it.PROVIDER_ID = "facebook.com";
class ot extends fr {
  constructor() {
    super(
      "google.com"
      /* ProviderId.GOOGLE */
    ), this.addScope("profile");
  }
  /**
   * Creates a credential for Google. At least one of ID token and access token is required.
   *
   * @example
   * ```javascript
   * // \`googleUser\` from the onsuccess Google Sign In callback.
   * const credential = GoogleAuthProvider.credential(googleUser.getAuthResponse().id_token);
   * const result = await signInWithCredential(credential);
   * ```
   *
   * @param idToken - Google ID token.
   * @param accessToken - Google access token.
   */
  static credential(e, t) {
    return Ft._fromParams({
      providerId: ot.PROVIDER_ID,
      signInMethod: ot.GOOGLE_SIGN_IN_METHOD,
      idToken: e,
      accessToken: t
    });
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link UserCredential}.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromResult(e) {
    return ot.credentialFromTaggedObject(e);
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link AuthError} which was
   * thrown during a sign-in, link, or reauthenticate operation.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromError(e) {
    return ot.credentialFromTaggedObject(e.customData || {});
  }
  static credentialFromTaggedObject({ _tokenResponse: e }) {
    if (!e)
      return null;
    const { oauthIdToken: t, oauthAccessToken: r } = e;
    if (!t && !r)
      return null;
    try {
      return ot.credential(t, r);
    } catch {
      return null;
    }
  }
}
ot.GOOGLE_SIGN_IN_METHOD = "google.com";
ot.PROVIDER_ID = "google.com";
class at extends fr {
  constructor() {
    super(
      "github.com"
      /* ProviderId.GITHUB */
    );
  }
  /**
   * Creates a credential for GitHub.
   *
   * @param accessToken - GitHub access token.
   */
  static credential(e) {
    return Ft._fromParams({
      providerId: at.PROVIDER_ID,
      signInMethod: at.GITHUB_SIGN_IN_METHOD,
      accessToken: e
    });
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link UserCredential}.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromResult(e) {
    return at.credentialFromTaggedObject(e);
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link AuthError} which was
   * thrown during a sign-in, link, or reauthenticate operation.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromError(e) {
    return at.credentialFromTaggedObject(e.customData || {});
  }
  static credentialFromTaggedObject({ _tokenResponse: e }) {
    if (!e || !("oauthAccessToken" in e) || !e.oauthAccessToken)
      return null;
    try {
      return at.credential(e.oauthAccessToken);
    } catch {
      return null;
    }
  }
}
at.GITHUB_SIGN_IN_METHOD = "github.com";
at.PROVIDER_ID = "github.com";
class ct extends fr {
  constructor() {
    super(
      "twitter.com"
      /* ProviderId.TWITTER */
    );
  }
  /**
   * Creates a credential for Twitter.
   *
   * @param token - Twitter access token.
   * @param secret - Twitter secret.
   */
  static credential(e, t) {
    return Ft._fromParams({
      providerId: ct.PROVIDER_ID,
      signInMethod: ct.TWITTER_SIGN_IN_METHOD,
      oauthToken: e,
      oauthTokenSecret: t
    });
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link UserCredential}.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromResult(e) {
    return ct.credentialFromTaggedObject(e);
  }
  /**
   * Used to extract the underlying {@link OAuthCredential} from a {@link AuthError} which was
   * thrown during a sign-in, link, or reauthenticate operation.
   *
   * @param userCredential - The user credential.
   */
  static credentialFromError(e) {
    return ct.credentialFromTaggedObject(e.customData || {});
  }
  static credentialFromTaggedObject({ _tokenResponse: e }) {
    if (!e)
      return null;
    const { oauthAccessToken: t, oauthTokenSecret: r } = e;
    if (!t || !r)
      return null;
    try {
      return ct.credential(t, r);
    } catch {
      return null;
    }
  }
}
ct.TWITTER_SIGN_IN_METHOD = "twitter.com";
ct.PROVIDER_ID = "twitter.com";
async function im(n, e) {
  return wt(n, "POST", "/v1/accounts:signUp", we(n, e));
}
class Ut {
  constructor(e) {
    this.user = e.user, this.providerId = e.providerId, this._tokenResponse = e._tokenResponse, this.operationType = e.operationType;
  }
  static async _fromIdTokenResponse(e, t, r, s = !1) {
    const o = await Le._fromIdTokenResponse(e, r, s), a = sc(r);
    return new Ut({
      user: o,
      providerId: a,
      _tokenResponse: r,
      operationType: t
    });
  }
  static async _forOperation(e, t, r) {
    await e._updateTokensIfNecessary(
      r,
      /* reload */
      !0
    );
    const s = sc(r);
    return new Ut({
      user: e,
      providerId: s,
      _tokenResponse: r,
      operationType: t
    });
  }
}
function sc(n) {
  return n.providerId ? n.providerId : "phoneNumber" in n ? "phone" : null;
}
class es extends Ye {
  constructor(e, t, r, s) {
    super(t.code, t.message), this.operationType = r, this.user = s, Object.setPrototypeOf(this, es.prototype), this.customData = {
      appName: e.name,
      tenantId: e.tenantId ?? void 0,
      _serverResponse: t.customData._serverResponse,
      operationType: r
    };
  }
  static _fromErrorAndOperation(e, t, r, s) {
    return new es(e, t, r, s);
  }
}
function tl(n, e, t, r) {
  return (e === "reauthenticate" ? t._getReauthenticationResolver(n) : t._getIdTokenResponse(n)).catch((o) => {
    throw o.code === "auth/multi-factor-auth-required" ? es._fromErrorAndOperation(n, o, e, r) : o;
  });
}
async function om(n, e, t = !1) {
  const r = await rr(n, e._linkToIdToken(n.auth, await n.getIdToken()), t);
  return Ut._forOperation(n, "link", r);
}
async function am(n, e, t = !1) {
  const { auth: r } = n;
  if (be(r.app))
    return Promise.reject(je(r));
  const s = "reauthenticate";
  try {
    const o = await rr(n, tl(r, s, e, n), t);
    k(
      o.idToken,
      r,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const a = Ki(o.idToken);
    k(
      a,
      r,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
    const { sub: u } = a;
    return k(
      n.uid === u,
      r,
      "user-mismatch"
      /* AuthErrorCode.USER_MISMATCH */
    ), Ut._forOperation(n, s, o);
  } catch (o) {
    throw o?.code === "auth/user-not-found" && Ne(
      r,
      "user-mismatch"
      /* AuthErrorCode.USER_MISMATCH */
    ), o;
  }
}
async function nl(n, e, t = !1) {
  if (be(n.app))
    return Promise.reject(je(n));
  const r = "signIn", s = await tl(n, r, e), o = await Ut._fromIdTokenResponse(n, r, s);
  return t || await n._updateCurrentUser(o.user), o;
}
async function rl(n, e) {
  return nl(De(n), e);
}
class Xi {
  constructor(e, t) {
    this.factorId = e, this.uid = t.mfaEnrollmentId, this.enrollmentTime = new Date(t.enrolledAt).toUTCString(), this.displayName = t.displayName;
  }
  static _fromServerResponse(e, t) {
    return "phoneInfo" in t ? Zi._fromServerResponse(e, t) : "totpInfo" in t ? eo._fromServerResponse(e, t) : Ne(
      e,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
  }
}
class Zi extends Xi {
  constructor(e) {
    super("phone", e), this.phoneNumber = e.phoneInfo;
  }
  static _fromServerResponse(e, t) {
    return new Zi(t);
  }
}
class eo extends Xi {
  constructor(e) {
    super("totp", e);
  }
  static _fromServerResponse(e, t) {
    return new eo(t);
  }
}
function cm(n, e, t) {
  k(
    t.url?.length > 0,
    n,
    "invalid-continue-uri"
    /* AuthErrorCode.INVALID_CONTINUE_URI */
  ), k(
    typeof t.dynamicLinkDomain > "u" || t.dynamicLinkDomain.length > 0,
    n,
    "invalid-dynamic-link-domain"
    /* AuthErrorCode.INVALID_DYNAMIC_LINK_DOMAIN */
  ), k(
    typeof t.linkDomain > "u" || t.linkDomain.length > 0,
    n,
    "invalid-hosting-link-domain"
    /* AuthErrorCode.INVALID_HOSTING_LINK_DOMAIN */
  ), e.continueUrl = t.url, e.dynamicLinkDomain = t.dynamicLinkDomain, e.linkDomain = t.linkDomain, e.canHandleCodeInApp = t.handleCodeInApp, t.iOS && (k(
    t.iOS.bundleId.length > 0,
    n,
    "missing-ios-bundle-id"
    /* AuthErrorCode.MISSING_IOS_BUNDLE_ID */
  ), e.iOSBundleId = t.iOS.bundleId), t.android && (k(
    t.android.packageName.length > 0,
    n,
    "missing-android-pkg-name"
    /* AuthErrorCode.MISSING_ANDROID_PACKAGE_NAME */
  ), e.androidInstallApp = t.android.installApp, e.androidMinimumVersionCode = t.android.minimumVersion, e.androidPackageName = t.android.packageName);
}
async function to(n) {
  const e = De(n);
  e._getPasswordPolicyInternal() && await e._updatePasswordPolicy();
}
async function VE(n, e, t) {
  const r = De(n), s = {
    requestType: "PASSWORD_RESET",
    email: e,
    clientType: "CLIENT_TYPE_WEB"
    /* RecaptchaClientType.WEB */
  };
  t && cm(r, s, t), await Nt(
    r,
    s,
    "getOobCode",
    Qp,
    "EMAIL_PASSWORD_PROVIDER"
    /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
  );
}
async function NE(n, e, t) {
  await Zu(ae(n), {
    oobCode: e,
    newPassword: t
  }).catch(async (r) => {
    throw r.code === "auth/password-does-not-meet-requirements" && to(n), r;
  });
}
async function um(n, e) {
  const t = ae(n), r = await Zu(t, { oobCode: e }), s = r.requestType;
  switch (k(
    s,
    t,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), s) {
    case "EMAIL_SIGNIN":
      break;
    case "VERIFY_AND_CHANGE_EMAIL":
      k(
        r.newEmail,
        t,
        "internal-error"
        /* AuthErrorCode.INTERNAL_ERROR */
      );
      break;
    case "REVERT_SECOND_FACTOR_ADDITION":
      k(
        r.mfaInfo,
        t,
        "internal-error"
        /* AuthErrorCode.INTERNAL_ERROR */
      );
    // fall through
    default:
      k(
        r.email,
        t,
        "internal-error"
        /* AuthErrorCode.INTERNAL_ERROR */
      );
  }
  let o = null;
  return r.mfaInfo && (o = Xi._fromServerResponse(De(t), r.mfaInfo)), {
    data: {
      email: (r.requestType === "VERIFY_AND_CHANGE_EMAIL" ? r.newEmail : r.email) || null,
      previousEmail: (r.requestType === "VERIFY_AND_CHANGE_EMAIL" ? r.email : r.newEmail) || null,
      multiFactorInfo: o
    },
    operation: s
  };
}
async function DE(n, e) {
  const { data: t } = await um(ae(n), e);
  return t.email;
}
async function OE(n, e, t) {
  if (be(n.app))
    return Promise.reject(je(n));
  const r = De(n), a = await Nt(
    r,
    {
      returnSecureToken: !0,
      email: e,
      password: t,
      clientType: "CLIENT_TYPE_WEB"
      /* RecaptchaClientType.WEB */
    },
    "signUpPassword",
    im,
    "EMAIL_PASSWORD_PROVIDER"
    /* RecaptchaAuthProvider.EMAIL_PASSWORD_PROVIDER */
  ).catch((h) => {
    throw h.code === "auth/password-does-not-meet-requirements" && to(n), h;
  }), u = await Ut._fromIdTokenResponse(r, "signIn", a);
  return await r._updateCurrentUser(u.user), u;
}
function LE(n, e, t) {
  return be(n.app) ? Promise.reject(je(n)) : rl(ae(n), gn.credential(e, t)).catch(async (r) => {
    throw r.code === "auth/password-does-not-meet-requirements" && to(n), r;
  });
}
function lm(n, e, t, r) {
  return ae(n).onIdTokenChanged(e, t, r);
}
function hm(n, e, t) {
  return ae(n).beforeAuthStateChanged(e, t);
}
function ME(n, e, t, r) {
  return ae(n).onAuthStateChanged(e, t, r);
}
function xE(n) {
  return ae(n).signOut();
}
function ic(n, e) {
  return Pe(n, "POST", "/v2/accounts/mfaEnrollment:start", we(n, e));
}
const ts = "__sak";
class sl {
  constructor(e, t) {
    this.storageRetriever = e, this.type = t;
  }
  _isAvailable() {
    try {
      return this.storage ? (this.storage.setItem(ts, "1"), this.storage.removeItem(ts), Promise.resolve(!0)) : Promise.resolve(!1);
    } catch {
      return Promise.resolve(!1);
    }
  }
  _set(e, t) {
    return this.storage.setItem(e, JSON.stringify(t)), Promise.resolve();
  }
  _get(e) {
    const t = this.storage.getItem(e);
    return Promise.resolve(t ? JSON.parse(t) : null);
  }
  _remove(e) {
    return this.storage.removeItem(e), Promise.resolve();
  }
  get storage() {
    return this.storageRetriever();
  }
}
const dm = 1e3, fm = 10;
class il extends sl {
  constructor() {
    super(
      () => window.localStorage,
      "LOCAL"
      /* PersistenceType.LOCAL */
    ), this.boundEventHandler = (e, t) => this.onStorageEvent(e, t), this.listeners = {}, this.localCache = {}, this.pollTimer = null, this.fallbackToPolling = Ku(), this._shouldAllowMigration = !0;
  }
  forAllChangedKeys(e) {
    for (const t of Object.keys(this.listeners)) {
      const r = this.storage.getItem(t), s = this.localCache[t];
      r !== s && e(t, s, r);
    }
  }
  onStorageEvent(e, t = !1) {
    if (!e.key) {
      this.forAllChangedKeys((a, u, h) => {
        this.notifyListeners(a, h);
      });
      return;
    }
    const r = e.key;
    t ? this.detachListener() : this.stopPolling();
    const s = () => {
      const a = this.storage.getItem(r);
      !t && this.localCache[r] === a || this.notifyListeners(r, a);
    }, o = this.storage.getItem(r);
    wp() && o !== e.newValue && e.newValue !== e.oldValue ? setTimeout(s, fm) : s();
  }
  notifyListeners(e, t) {
    this.localCache[e] = t;
    const r = this.listeners[e];
    if (r)
      for (const s of Array.from(r))
        s(t && JSON.parse(t));
  }
  startPolling() {
    this.stopPolling(), this.pollTimer = setInterval(() => {
      this.forAllChangedKeys((e, t, r) => {
        this.onStorageEvent(
          new StorageEvent("storage", {
            key: e,
            oldValue: t,
            newValue: r
          }),
          /* poll */
          !0
        );
      });
    }, dm);
  }
  stopPolling() {
    this.pollTimer && (clearInterval(this.pollTimer), this.pollTimer = null);
  }
  attachListener() {
    window.addEventListener("storage", this.boundEventHandler);
  }
  detachListener() {
    window.removeEventListener("storage", this.boundEventHandler);
  }
  _addListener(e, t) {
    Object.keys(this.listeners).length === 0 && (this.fallbackToPolling ? this.startPolling() : this.attachListener()), this.listeners[e] || (this.listeners[e] = /* @__PURE__ */ new Set(), this.localCache[e] = this.storage.getItem(e)), this.listeners[e].add(t);
  }
  _removeListener(e, t) {
    this.listeners[e] && (this.listeners[e].delete(t), this.listeners[e].size === 0 && delete this.listeners[e]), Object.keys(this.listeners).length === 0 && (this.detachListener(), this.stopPolling());
  }
  // Update local cache on base operations:
  async _set(e, t) {
    await super._set(e, t), this.localCache[e] = JSON.stringify(t);
  }
  async _get(e) {
    const t = await super._get(e);
    return this.localCache[e] = JSON.stringify(t), t;
  }
  async _remove(e) {
    await super._remove(e), delete this.localCache[e];
  }
}
il.type = "LOCAL";
const pm = il;
class ol extends sl {
  constructor() {
    super(
      () => window.sessionStorage,
      "SESSION"
      /* PersistenceType.SESSION */
    );
  }
  _addListener(e, t) {
  }
  _removeListener(e, t) {
  }
}
ol.type = "SESSION";
const al = ol;
function mm(n) {
  return Promise.all(n.map(async (e) => {
    try {
      return {
        fulfilled: !0,
        value: await e
      };
    } catch (t) {
      return {
        fulfilled: !1,
        reason: t
      };
    }
  }));
}
class gs {
  constructor(e) {
    this.eventTarget = e, this.handlersMap = {}, this.boundEventHandler = this.handleEvent.bind(this);
  }
  /**
   * Obtain an instance of a Receiver for a given event target, if none exists it will be created.
   *
   * @param eventTarget - An event target (such as window or self) through which the underlying
   * messages will be received.
   */
  static _getInstance(e) {
    const t = this.receivers.find((s) => s.isListeningto(e));
    if (t)
      return t;
    const r = new gs(e);
    return this.receivers.push(r), r;
  }
  isListeningto(e) {
    return this.eventTarget === e;
  }
  /**
   * Fans out a MessageEvent to the appropriate listeners.
   *
   * @remarks
   * Sends an {@link Status.ACK} upon receipt and a {@link Status.DONE} once all handlers have
   * finished processing.
   *
   * @param event - The MessageEvent.
   *
   */
  async handleEvent(e) {
    const t = e, { eventId: r, eventType: s, data: o } = t.data, a = this.handlersMap[s];
    if (!a?.size)
      return;
    t.ports[0].postMessage({
      status: "ack",
      eventId: r,
      eventType: s
    });
    const u = Array.from(a).map(async (d) => d(t.origin, o)), h = await mm(u);
    t.ports[0].postMessage({
      status: "done",
      eventId: r,
      eventType: s,
      response: h
    });
  }
  /**
   * Subscribe an event handler for a particular event.
   *
   * @param eventType - Event name to subscribe to.
   * @param eventHandler - The event handler which should receive the events.
   *
   */
  _subscribe(e, t) {
    Object.keys(this.handlersMap).length === 0 && this.eventTarget.addEventListener("message", this.boundEventHandler), this.handlersMap[e] || (this.handlersMap[e] = /* @__PURE__ */ new Set()), this.handlersMap[e].add(t);
  }
  /**
   * Unsubscribe an event handler from a particular event.
   *
   * @param eventType - Event name to unsubscribe from.
   * @param eventHandler - Optional event handler, if none provided, unsubscribe all handlers on this event.
   *
   */
  _unsubscribe(e, t) {
    this.handlersMap[e] && t && this.handlersMap[e].delete(t), (!t || this.handlersMap[e].size === 0) && delete this.handlersMap[e], Object.keys(this.handlersMap).length === 0 && this.eventTarget.removeEventListener("message", this.boundEventHandler);
  }
}
gs.receivers = [];
function no(n = "", e = 10) {
  let t = "";
  for (let r = 0; r < e; r++)
    t += Math.floor(Math.random() * 10);
  return n + t;
}
class gm {
  constructor(e) {
    this.target = e, this.handlers = /* @__PURE__ */ new Set();
  }
  /**
   * Unsubscribe the handler and remove it from our tracking Set.
   *
   * @param handler - The handler to unsubscribe.
   */
  removeMessageHandler(e) {
    e.messageChannel && (e.messageChannel.port1.removeEventListener("message", e.onMessage), e.messageChannel.port1.close()), this.handlers.delete(e);
  }
  /**
   * Send a message to the Receiver located at {@link target}.
   *
   * @remarks
   * We'll first wait a bit for an ACK , if we get one we will wait significantly longer until the
   * receiver has had a chance to fully process the event.
   *
   * @param eventType - Type of event to send.
   * @param data - The payload of the event.
   * @param timeout - Timeout for waiting on an ACK from the receiver.
   *
   * @returns An array of settled promises from all the handlers that were listening on the receiver.
   */
  async _send(e, t, r = 50) {
    const s = typeof MessageChannel < "u" ? new MessageChannel() : null;
    if (!s)
      throw new Error(
        "connection_unavailable"
        /* _MessageError.CONNECTION_UNAVAILABLE */
      );
    let o, a;
    return new Promise((u, h) => {
      const d = no("", 20);
      s.port1.start();
      const p = setTimeout(() => {
        h(new Error(
          "unsupported_event"
          /* _MessageError.UNSUPPORTED_EVENT */
        ));
      }, r);
      a = {
        messageChannel: s,
        onMessage(I) {
          const A = I;
          if (A.data.eventId === d)
            switch (A.data.status) {
              case "ack":
                clearTimeout(p), o = setTimeout(
                  () => {
                    h(new Error(
                      "timeout"
                      /* _MessageError.TIMEOUT */
                    ));
                  },
                  3e3
                  /* _TimeoutDuration.COMPLETION */
                );
                break;
              case "done":
                clearTimeout(o), u(A.data.response);
                break;
              default:
                clearTimeout(p), clearTimeout(o), h(new Error(
                  "invalid_response"
                  /* _MessageError.INVALID_RESPONSE */
                ));
                break;
            }
        }
      }, this.handlers.add(a), s.port1.addEventListener("message", a.onMessage), this.target.postMessage({
        eventType: e,
        eventId: d,
        data: t
      }, [s.port2]);
    }).finally(() => {
      a && this.removeMessageHandler(a);
    });
  }
}
function re() {
  return window;
}
function _m(n) {
  re().location.href = n;
}
function ro() {
  return typeof re().WorkerGlobalScope < "u" && typeof re().importScripts == "function";
}
async function ym() {
  if (!navigator?.serviceWorker)
    return null;
  try {
    return (await navigator.serviceWorker.ready).active;
  } catch {
    return null;
  }
}
function Em() {
  return navigator?.serviceWorker?.controller || null;
}
function Im() {
  return ro() ? self : null;
}
const cl = "firebaseLocalStorageDb", Tm = 1, ns = "firebaseLocalStorage", ul = "fbase_key";
class pr {
  constructor(e) {
    this.request = e;
  }
  toPromise() {
    return new Promise((e, t) => {
      this.request.addEventListener("success", () => {
        e(this.request.result);
      }), this.request.addEventListener("error", () => {
        t(this.request.error);
      });
    });
  }
}
function _s(n, e) {
  return n.transaction([ns], e ? "readwrite" : "readonly").objectStore(ns);
}
function wm() {
  const n = indexedDB.deleteDatabase(cl);
  return new pr(n).toPromise();
}
function Ai() {
  const n = indexedDB.open(cl, Tm);
  return new Promise((e, t) => {
    n.addEventListener("error", () => {
      t(n.error);
    }), n.addEventListener("upgradeneeded", () => {
      const r = n.result;
      try {
        r.createObjectStore(ns, { keyPath: ul });
      } catch (s) {
        t(s);
      }
    }), n.addEventListener("success", async () => {
      const r = n.result;
      r.objectStoreNames.contains(ns) ? e(r) : (r.close(), await wm(), e(await Ai()));
    });
  });
}
async function oc(n, e, t) {
  const r = _s(n, !0).put({
    [ul]: e,
    value: t
  });
  return new pr(r).toPromise();
}
async function vm(n, e) {
  const t = _s(n, !1).get(e), r = await new pr(t).toPromise();
  return r === void 0 ? null : r.value;
}
function ac(n, e) {
  const t = _s(n, !0).delete(e);
  return new pr(t).toPromise();
}
const Am = 800, Rm = 3;
class ll {
  constructor() {
    this.type = "LOCAL", this._shouldAllowMigration = !0, this.listeners = {}, this.localCache = {}, this.pollTimer = null, this.pendingWrites = 0, this.receiver = null, this.sender = null, this.serviceWorkerReceiverAvailable = !1, this.activeServiceWorker = null, this._workerInitializationPromise = this.initializeServiceWorkerMessaging().then(() => {
    }, () => {
    });
  }
  async _openDb() {
    return this.db ? this.db : (this.db = await Ai(), this.db);
  }
  async _withRetries(e) {
    let t = 0;
    for (; ; )
      try {
        const r = await this._openDb();
        return await e(r);
      } catch (r) {
        if (t++ > Rm)
          throw r;
        this.db && (this.db.close(), this.db = void 0);
      }
  }
  /**
   * IndexedDB events do not propagate from the main window to the worker context.  We rely on a
   * postMessage interface to send these events to the worker ourselves.
   */
  async initializeServiceWorkerMessaging() {
    return ro() ? this.initializeReceiver() : this.initializeSender();
  }
  /**
   * As the worker we should listen to events from the main window.
   */
  async initializeReceiver() {
    this.receiver = gs._getInstance(Im()), this.receiver._subscribe("keyChanged", async (e, t) => ({
      keyProcessed: (await this._poll()).includes(t.key)
    })), this.receiver._subscribe("ping", async (e, t) => [
      "keyChanged"
      /* _EventType.KEY_CHANGED */
    ]);
  }
  /**
   * As the main window, we should let the worker know when keys change (set and remove).
   *
   * @remarks
   * {@link https://developer.mozilla.org/en-US/docs/Web/API/ServiceWorkerContainer/ready | ServiceWorkerContainer.ready}
   * may not resolve.
   */
  async initializeSender() {
    if (this.activeServiceWorker = await ym(), !this.activeServiceWorker)
      return;
    this.sender = new gm(this.activeServiceWorker);
    const e = await this.sender._send(
      "ping",
      {},
      800
      /* _TimeoutDuration.LONG_ACK */
    );
    e && e[0]?.fulfilled && e[0]?.value.includes(
      "keyChanged"
      /* _EventType.KEY_CHANGED */
    ) && (this.serviceWorkerReceiverAvailable = !0);
  }
  /**
   * Let the worker know about a changed key, the exact key doesn't technically matter since the
   * worker will just trigger a full sync anyway.
   *
   * @remarks
   * For now, we only support one service worker per page.
   *
   * @param key - Storage key which changed.
   */
  async notifyServiceWorker(e) {
    if (!(!this.sender || !this.activeServiceWorker || Em() !== this.activeServiceWorker))
      try {
        await this.sender._send(
          "keyChanged",
          { key: e },
          // Use long timeout if receiver has previously responded to a ping from us.
          this.serviceWorkerReceiverAvailable ? 800 : 50
          /* _TimeoutDuration.ACK */
        );
      } catch {
      }
  }
  async _isAvailable() {
    try {
      if (!indexedDB)
        return !1;
      const e = await Ai();
      return await oc(e, ts, "1"), await ac(e, ts), !0;
    } catch {
    }
    return !1;
  }
  async _withPendingWrite(e) {
    this.pendingWrites++;
    try {
      await e();
    } finally {
      this.pendingWrites--;
    }
  }
  async _set(e, t) {
    return this._withPendingWrite(async () => (await this._withRetries((r) => oc(r, e, t)), this.localCache[e] = t, this.notifyServiceWorker(e)));
  }
  async _get(e) {
    const t = await this._withRetries((r) => vm(r, e));
    return this.localCache[e] = t, t;
  }
  async _remove(e) {
    return this._withPendingWrite(async () => (await this._withRetries((t) => ac(t, e)), delete this.localCache[e], this.notifyServiceWorker(e)));
  }
  async _poll() {
    const e = await this._withRetries((s) => {
      const o = _s(s, !1).getAll();
      return new pr(o).toPromise();
    });
    if (!e)
      return [];
    if (this.pendingWrites !== 0)
      return [];
    const t = [], r = /* @__PURE__ */ new Set();
    if (e.length !== 0)
      for (const { fbase_key: s, value: o } of e)
        r.add(s), JSON.stringify(this.localCache[s]) !== JSON.stringify(o) && (this.notifyListeners(s, o), t.push(s));
    for (const s of Object.keys(this.localCache))
      this.localCache[s] && !r.has(s) && (this.notifyListeners(s, null), t.push(s));
    return t;
  }
  notifyListeners(e, t) {
    this.localCache[e] = t;
    const r = this.listeners[e];
    if (r)
      for (const s of Array.from(r))
        s(t);
  }
  startPolling() {
    this.stopPolling(), this.pollTimer = setInterval(async () => this._poll(), Am);
  }
  stopPolling() {
    this.pollTimer && (clearInterval(this.pollTimer), this.pollTimer = null);
  }
  _addListener(e, t) {
    Object.keys(this.listeners).length === 0 && this.startPolling(), this.listeners[e] || (this.listeners[e] = /* @__PURE__ */ new Set(), this._get(e)), this.listeners[e].add(t);
  }
  _removeListener(e, t) {
    this.listeners[e] && (this.listeners[e].delete(t), this.listeners[e].size === 0 && delete this.listeners[e]), Object.keys(this.listeners).length === 0 && this.stopPolling();
  }
}
ll.type = "LOCAL";
const Sm = ll;
function cc(n, e) {
  return Pe(n, "POST", "/v2/accounts/mfaSignIn:start", we(n, e));
}
const ci = Ju("rcb"), Pm = new hr(3e4, 6e4);
class Cm {
  constructor() {
    this.hostLanguage = "", this.counter = 0, this.librarySeparatelyLoaded = !!re().grecaptcha?.render;
  }
  load(e, t = "") {
    return k(
      bm(t),
      e,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), this.shouldResolveImmediately(t) && Qa(re().grecaptcha) ? Promise.resolve(re().grecaptcha) : new Promise((r, s) => {
      const o = re().setTimeout(() => {
        s(ke(
          e,
          "network-request-failed"
          /* AuthErrorCode.NETWORK_REQUEST_FAILED */
        ));
      }, Pm.get());
      re()[ci] = () => {
        re().clearTimeout(o), delete re()[ci];
        const u = re().grecaptcha;
        if (!u || !Qa(u)) {
          s(ke(
            e,
            "internal-error"
            /* AuthErrorCode.INTERNAL_ERROR */
          ));
          return;
        }
        const h = u.render;
        u.render = (d, p) => {
          const I = h(d, p);
          return this.counter++, I;
        }, this.hostLanguage = t, r(u);
      };
      const a = `${bp()}?${pn({
        onload: ci,
        render: "explicit",
        hl: t
      })}`;
      Ji(a).catch(() => {
        clearTimeout(o), s(ke(
          e,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        ));
      });
    });
  }
  clearedOneInstance() {
    this.counter--;
  }
  shouldResolveImmediately(e) {
    return !!re().grecaptcha?.render && (e === this.hostLanguage || this.counter > 0 || this.librarySeparatelyLoaded);
  }
}
function bm(n) {
  return n.length <= 6 && /^\s*[a-zA-Z0-9\-]*\s*$/.test(n);
}
class km {
  async load(e) {
    return new Op(e);
  }
  clearedOneInstance() {
  }
}
const Yn = "recaptcha", Vm = {
  theme: "light",
  type: "image"
};
class FE {
  /**
   * @param authExtern - The corresponding Firebase {@link Auth} instance.
   *
   * @param containerOrId - The reCAPTCHA container parameter.
   *
   * @remarks
   * This has different meaning depending on whether the reCAPTCHA is hidden or visible. For a
   * visible reCAPTCHA the container must be empty. If a string is used, it has to correspond to
   * an element ID. The corresponding element must also must be in the DOM at the time of
   * initialization.
   *
   * @param parameters - The optional reCAPTCHA parameters.
   *
   * @remarks
   * Check the reCAPTCHA docs for a comprehensive list. All parameters are accepted except for
   * the sitekey. Firebase Auth backend provisions a reCAPTCHA for each project and will
   * configure this upon rendering. For an invisible reCAPTCHA, a size key must have the value
   * 'invisible'.
   */
  constructor(e, t, r = {
    ...Vm
  }) {
    this.parameters = r, this.type = Yn, this.destroyed = !1, this.widgetId = null, this.tokenChangeListeners = /* @__PURE__ */ new Set(), this.renderPromise = null, this.recaptcha = null, this.auth = De(e), this.isInvisible = this.parameters.size === "invisible", k(
      typeof document < "u",
      this.auth,
      "operation-not-supported-in-this-environment"
      /* AuthErrorCode.OPERATION_NOT_SUPPORTED */
    );
    const s = typeof t == "string" ? document.getElementById(t) : t;
    k(
      s,
      this.auth,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), this.container = s, this.parameters.callback = this.makeTokenCallback(this.parameters.callback), this._recaptchaLoader = this.auth.settings.appVerificationDisabledForTesting ? new km() : new Cm(), this.validateStartingState();
  }
  /**
   * Waits for the user to solve the reCAPTCHA and resolves with the reCAPTCHA token.
   *
   * @returns A Promise for the reCAPTCHA token.
   */
  async verify() {
    this.assertNotDestroyed();
    const e = await this.render(), t = this.getAssertedRecaptcha(), r = t.getResponse(e);
    return r || new Promise((s) => {
      const o = (a) => {
        a && (this.tokenChangeListeners.delete(o), s(a));
      };
      this.tokenChangeListeners.add(o), this.isInvisible && t.execute(e);
    });
  }
  /**
   * Renders the reCAPTCHA widget on the page.
   *
   * @returns A Promise that resolves with the reCAPTCHA widget ID.
   */
  render() {
    try {
      this.assertNotDestroyed();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.renderPromise ? this.renderPromise : (this.renderPromise = this.makeRenderPromise().catch((e) => {
      throw this.renderPromise = null, e;
    }), this.renderPromise);
  }
  /** @internal */
  _reset() {
    this.assertNotDestroyed(), this.widgetId !== null && this.getAssertedRecaptcha().reset(this.widgetId);
  }
  /**
   * Clears the reCAPTCHA widget from the page and destroys the instance.
   */
  clear() {
    this.assertNotDestroyed(), this.destroyed = !0, this._recaptchaLoader.clearedOneInstance(), this.isInvisible || this.container.childNodes.forEach((e) => {
      this.container.removeChild(e);
    });
  }
  validateStartingState() {
    k(
      !this.parameters.sitekey,
      this.auth,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), k(
      this.isInvisible || !this.container.hasChildNodes(),
      this.auth,
      "argument-error"
      /* AuthErrorCode.ARGUMENT_ERROR */
    ), k(
      typeof document < "u",
      this.auth,
      "operation-not-supported-in-this-environment"
      /* AuthErrorCode.OPERATION_NOT_SUPPORTED */
    );
  }
  makeTokenCallback(e) {
    return (t) => {
      if (this.tokenChangeListeners.forEach((r) => r(t)), typeof e == "function")
        e(t);
      else if (typeof e == "string") {
        const r = re()[e];
        typeof r == "function" && r(t);
      }
    };
  }
  assertNotDestroyed() {
    k(
      !this.destroyed,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    );
  }
  async makeRenderPromise() {
    if (await this.init(), !this.widgetId) {
      let e = this.container;
      if (!this.isInvisible) {
        const t = document.createElement("div");
        e.appendChild(t), e = t;
      }
      this.widgetId = this.getAssertedRecaptcha().render(e, this.parameters);
    }
    return this.widgetId;
  }
  async init() {
    k(
      Du() && !ro(),
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), await Nm(), this.recaptcha = await this._recaptchaLoader.load(this.auth, this.auth.languageCode || void 0);
    const e = await dp(this.auth);
    k(
      e,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.parameters.sitekey = e;
  }
  getAssertedRecaptcha() {
    return k(
      this.recaptcha,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), this.recaptcha;
  }
}
function Nm() {
  let n = null;
  return new Promise((e) => {
    if (document.readyState === "complete") {
      e();
      return;
    }
    n = () => e(), window.addEventListener("load", n);
  }).catch((e) => {
    throw n && window.removeEventListener("load", n), e;
  });
}
class Dm {
  constructor(e, t) {
    this.verificationId = e, this.onConfirmation = t;
  }
  confirm(e) {
    const t = Jn._fromVerification(this.verificationId, e);
    return this.onConfirmation(t);
  }
}
async function UE(n, e, t) {
  if (be(n.app))
    return Promise.reject(je(n));
  const r = De(n), s = await Om(r, e, ae(t));
  return new Dm(s, (o) => rl(r, o));
}
async function Om(n, e, t) {
  if (!n._getRecaptchaConfig())
    try {
      await Bp(n);
    } catch {
      console.log("Failed to initialize reCAPTCHA Enterprise config. Triggering the reCAPTCHA v2 verification.");
    }
  try {
    let r;
    if (typeof e == "string" ? r = {
      phoneNumber: e
    } : r = e, "session" in r) {
      const s = r.session;
      if ("phoneNumber" in r) {
        k(
          s.type === "enroll",
          n,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
        const o = {
          idToken: s.credential,
          phoneEnrollmentInfo: {
            phoneNumber: r.phoneNumber,
            clientType: "CLIENT_TYPE_WEB"
            /* RecaptchaClientType.WEB */
          }
        };
        return (await Nt(
          n,
          o,
          "mfaSmsEnrollment",
          async (d, p) => {
            if (p.phoneEnrollmentInfo.captchaResponse === Qn) {
              k(
                t?.type === Yn,
                d,
                "argument-error"
                /* AuthErrorCode.ARGUMENT_ERROR */
              );
              const I = await ui(d, p, t);
              return ic(d, I);
            }
            return ic(d, p);
          },
          "PHONE_PROVIDER"
          /* RecaptchaAuthProvider.PHONE_PROVIDER */
        ).catch((d) => Promise.reject(d))).phoneSessionInfo.sessionInfo;
      } else {
        k(
          s.type === "signin",
          n,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
        const o = r.multiFactorHint?.uid || r.multiFactorUid;
        k(
          o,
          n,
          "missing-multi-factor-info"
          /* AuthErrorCode.MISSING_MFA_INFO */
        );
        const a = {
          mfaPendingCredential: s.credential,
          mfaEnrollmentId: o,
          phoneSignInInfo: {
            clientType: "CLIENT_TYPE_WEB"
            /* RecaptchaClientType.WEB */
          }
        };
        return (await Nt(
          n,
          a,
          "mfaSmsSignIn",
          async (p, I) => {
            if (I.phoneSignInInfo.captchaResponse === Qn) {
              k(
                t?.type === Yn,
                p,
                "argument-error"
                /* AuthErrorCode.ARGUMENT_ERROR */
              );
              const A = await ui(p, I, t);
              return cc(p, A);
            }
            return cc(p, I);
          },
          "PHONE_PROVIDER"
          /* RecaptchaAuthProvider.PHONE_PROVIDER */
        ).catch((p) => Promise.reject(p))).phoneResponseInfo.sessionInfo;
      }
    } else {
      const s = {
        phoneNumber: r.phoneNumber,
        clientType: "CLIENT_TYPE_WEB"
        /* RecaptchaClientType.WEB */
      };
      return (await Nt(
        n,
        s,
        "sendVerificationCode",
        async (h, d) => {
          if (d.captchaResponse === Qn) {
            k(
              t?.type === Yn,
              h,
              "argument-error"
              /* AuthErrorCode.ARGUMENT_ERROR */
            );
            const p = await ui(h, d, t);
            return rc(h, p);
          }
          return rc(h, d);
        },
        "PHONE_PROVIDER"
        /* RecaptchaAuthProvider.PHONE_PROVIDER */
      ).catch((h) => Promise.reject(h))).sessionInfo;
    }
  } finally {
    t?._reset();
  }
}
async function ui(n, e, t) {
  k(
    t.type === Yn,
    n,
    "argument-error"
    /* AuthErrorCode.ARGUMENT_ERROR */
  );
  const r = await t.verify();
  k(
    typeof r == "string",
    n,
    "argument-error"
    /* AuthErrorCode.ARGUMENT_ERROR */
  );
  const s = { ...e };
  if ("phoneEnrollmentInfo" in s) {
    const o = s.phoneEnrollmentInfo.phoneNumber, a = s.phoneEnrollmentInfo.captchaResponse, u = s.phoneEnrollmentInfo.clientType, h = s.phoneEnrollmentInfo.recaptchaVersion;
    return Object.assign(s, {
      phoneEnrollmentInfo: {
        phoneNumber: o,
        recaptchaToken: r,
        captchaResponse: a,
        clientType: u,
        recaptchaVersion: h
      }
    }), s;
  } else if ("phoneSignInInfo" in s) {
    const o = s.phoneSignInInfo.captchaResponse, a = s.phoneSignInInfo.clientType, u = s.phoneSignInInfo.recaptchaVersion;
    return Object.assign(s, {
      phoneSignInInfo: {
        recaptchaToken: r,
        captchaResponse: o,
        clientType: a,
        recaptchaVersion: u
      }
    }), s;
  } else
    return Object.assign(s, { recaptchaToken: r }), s;
}
function Lm(n, e) {
  return e ? Ge(e) : (k(
    n._popupRedirectResolver,
    n,
    "argument-error"
    /* AuthErrorCode.ARGUMENT_ERROR */
  ), n._popupRedirectResolver);
}
class so extends ms {
  constructor(e) {
    super(
      "custom",
      "custom"
      /* ProviderId.CUSTOM */
    ), this.params = e;
  }
  _getIdTokenResponse(e) {
    return Zt(e, this._buildIdpRequest());
  }
  _linkToIdToken(e, t) {
    return Zt(e, this._buildIdpRequest(t));
  }
  _getReauthenticationResolver(e) {
    return Zt(e, this._buildIdpRequest());
  }
  _buildIdpRequest(e) {
    const t = {
      requestUri: this.params.requestUri,
      sessionId: this.params.sessionId,
      postBody: this.params.postBody,
      tenantId: this.params.tenantId,
      pendingToken: this.params.pendingToken,
      returnSecureToken: !0,
      returnIdpCredential: !0
    };
    return e && (t.idToken = e), t;
  }
}
function Mm(n) {
  return nl(n.auth, new so(n), n.bypassAuthState);
}
function xm(n) {
  const { auth: e, user: t } = n;
  return k(
    t,
    e,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), am(t, new so(n), n.bypassAuthState);
}
async function Fm(n) {
  const { auth: e, user: t } = n;
  return k(
    t,
    e,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), om(t, new so(n), n.bypassAuthState);
}
class hl {
  constructor(e, t, r, s, o = !1) {
    this.auth = e, this.resolver = r, this.user = s, this.bypassAuthState = o, this.pendingPromise = null, this.eventManager = null, this.filter = Array.isArray(t) ? t : [t];
  }
  execute() {
    return new Promise(async (e, t) => {
      this.pendingPromise = { resolve: e, reject: t };
      try {
        this.eventManager = await this.resolver._initialize(this.auth), await this.onExecution(), this.eventManager.registerConsumer(this);
      } catch (r) {
        this.reject(r);
      }
    });
  }
  async onAuthEvent(e) {
    const { urlResponse: t, sessionId: r, postBody: s, tenantId: o, error: a, type: u } = e;
    if (a) {
      this.reject(a);
      return;
    }
    const h = {
      auth: this.auth,
      requestUri: t,
      sessionId: r,
      tenantId: o || void 0,
      postBody: s || void 0,
      user: this.user,
      bypassAuthState: this.bypassAuthState
    };
    try {
      this.resolve(await this.getIdpTask(u)(h));
    } catch (d) {
      this.reject(d);
    }
  }
  onError(e) {
    this.reject(e);
  }
  getIdpTask(e) {
    switch (e) {
      case "signInViaPopup":
      case "signInViaRedirect":
        return Mm;
      case "linkViaPopup":
      case "linkViaRedirect":
        return Fm;
      case "reauthViaPopup":
      case "reauthViaRedirect":
        return xm;
      default:
        Ne(
          this.auth,
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
    }
  }
  resolve(e) {
    Qe(this.pendingPromise, "Pending promise was never set"), this.pendingPromise.resolve(e), this.unregisterAndCleanUp();
  }
  reject(e) {
    Qe(this.pendingPromise, "Pending promise was never set"), this.pendingPromise.reject(e), this.unregisterAndCleanUp();
  }
  unregisterAndCleanUp() {
    this.eventManager && this.eventManager.unregisterConsumer(this), this.pendingPromise = null, this.cleanUp();
  }
}
const Um = new hr(2e3, 1e4);
class Jt extends hl {
  constructor(e, t, r, s, o) {
    super(e, t, s, o), this.provider = r, this.authWindow = null, this.pollId = null, Jt.currentPopupAction && Jt.currentPopupAction.cancel(), Jt.currentPopupAction = this;
  }
  async executeNotNull() {
    const e = await this.execute();
    return k(
      e,
      this.auth,
      "internal-error"
      /* AuthErrorCode.INTERNAL_ERROR */
    ), e;
  }
  async onExecution() {
    Qe(this.filter.length === 1, "Popup operations only handle one event");
    const e = no();
    this.authWindow = await this.resolver._openPopup(
      this.auth,
      this.provider,
      this.filter[0],
      // There's always one, see constructor
      e
    ), this.authWindow.associatedEvent = e, this.resolver._originValidation(this.auth).catch((t) => {
      this.reject(t);
    }), this.resolver._isIframeWebStorageSupported(this.auth, (t) => {
      t || this.reject(ke(
        this.auth,
        "web-storage-unsupported"
        /* AuthErrorCode.WEB_STORAGE_UNSUPPORTED */
      ));
    }), this.pollUserCancellation();
  }
  get eventId() {
    return this.authWindow?.associatedEvent || null;
  }
  cancel() {
    this.reject(ke(
      this.auth,
      "cancelled-popup-request"
      /* AuthErrorCode.EXPIRED_POPUP_REQUEST */
    ));
  }
  cleanUp() {
    this.authWindow && this.authWindow.close(), this.pollId && window.clearTimeout(this.pollId), this.authWindow = null, this.pollId = null, Jt.currentPopupAction = null;
  }
  pollUserCancellation() {
    const e = () => {
      if (this.authWindow?.window?.closed) {
        this.pollId = window.setTimeout(
          () => {
            this.pollId = null, this.reject(ke(
              this.auth,
              "popup-closed-by-user"
              /* AuthErrorCode.POPUP_CLOSED_BY_USER */
            ));
          },
          8e3
          /* _Timeout.AUTH_EVENT */
        );
        return;
      }
      this.pollId = window.setTimeout(e, Um.get());
    };
    e();
  }
}
Jt.currentPopupAction = null;
const Bm = "pendingRedirect", jr = /* @__PURE__ */ new Map();
class qm extends hl {
  constructor(e, t, r = !1) {
    super(e, [
      "signInViaRedirect",
      "linkViaRedirect",
      "reauthViaRedirect",
      "unknown"
      /* AuthEventType.UNKNOWN */
    ], t, void 0, r), this.eventId = null;
  }
  /**
   * Override the execute function; if we already have a redirect result, then
   * just return it.
   */
  async execute() {
    let e = jr.get(this.auth._key());
    if (!e) {
      try {
        const r = await jm(this.resolver, this.auth) ? await super.execute() : null;
        e = () => Promise.resolve(r);
      } catch (t) {
        e = () => Promise.reject(t);
      }
      jr.set(this.auth._key(), e);
    }
    return this.bypassAuthState || jr.set(this.auth._key(), () => Promise.resolve(null)), e();
  }
  async onAuthEvent(e) {
    if (e.type === "signInViaRedirect")
      return super.onAuthEvent(e);
    if (e.type === "unknown") {
      this.resolve(null);
      return;
    }
    if (e.eventId) {
      const t = await this.auth._redirectUserForId(e.eventId);
      if (t)
        return this.user = t, super.onAuthEvent(e);
      this.resolve(null);
    }
  }
  async onExecution() {
  }
  cleanUp() {
  }
}
async function jm(n, e) {
  const t = zm(e), r = Hm(n);
  if (!await r._isAvailable())
    return !1;
  const s = await r._get(t) === "true";
  return await r._remove(t), s;
}
function $m(n, e) {
  jr.set(n._key(), e);
}
function Hm(n) {
  return Ge(n._redirectPersistence);
}
function zm(n) {
  return qr(Bm, n.config.apiKey, n.name);
}
async function Wm(n, e, t = !1) {
  if (be(n.app))
    return Promise.reject(je(n));
  const r = De(n), s = Lm(r, e), a = await new qm(r, s, t).execute();
  return a && !t && (delete a.user._redirectEventId, await r._persistUserIfCurrent(a.user), await r._setRedirectUser(null, e)), a;
}
const Gm = 600 * 1e3;
class Km {
  constructor(e) {
    this.auth = e, this.cachedEventUids = /* @__PURE__ */ new Set(), this.consumers = /* @__PURE__ */ new Set(), this.queuedRedirectEvent = null, this.hasHandledPotentialRedirect = !1, this.lastProcessedEventTime = Date.now();
  }
  registerConsumer(e) {
    this.consumers.add(e), this.queuedRedirectEvent && this.isEventForConsumer(this.queuedRedirectEvent, e) && (this.sendToConsumer(this.queuedRedirectEvent, e), this.saveEventToCache(this.queuedRedirectEvent), this.queuedRedirectEvent = null);
  }
  unregisterConsumer(e) {
    this.consumers.delete(e);
  }
  onEvent(e) {
    if (this.hasEventBeenHandled(e))
      return !1;
    let t = !1;
    return this.consumers.forEach((r) => {
      this.isEventForConsumer(e, r) && (t = !0, this.sendToConsumer(e, r), this.saveEventToCache(e));
    }), this.hasHandledPotentialRedirect || !Qm(e) || (this.hasHandledPotentialRedirect = !0, t || (this.queuedRedirectEvent = e, t = !0)), t;
  }
  sendToConsumer(e, t) {
    if (e.error && !dl(e)) {
      const r = e.error.code?.split("auth/")[1] || "internal-error";
      t.onError(ke(this.auth, r));
    } else
      t.onAuthEvent(e);
  }
  isEventForConsumer(e, t) {
    const r = t.eventId === null || !!e.eventId && e.eventId === t.eventId;
    return t.filter.includes(e.type) && r;
  }
  hasEventBeenHandled(e) {
    return Date.now() - this.lastProcessedEventTime >= Gm && this.cachedEventUids.clear(), this.cachedEventUids.has(uc(e));
  }
  saveEventToCache(e) {
    this.cachedEventUids.add(uc(e)), this.lastProcessedEventTime = Date.now();
  }
}
function uc(n) {
  return [n.type, n.eventId, n.sessionId, n.tenantId].filter((e) => e).join("-");
}
function dl({ type: n, error: e }) {
  return n === "unknown" && e?.code === "auth/no-auth-event";
}
function Qm(n) {
  switch (n.type) {
    case "signInViaRedirect":
    case "linkViaRedirect":
    case "reauthViaRedirect":
      return !0;
    case "unknown":
      return dl(n);
    default:
      return !1;
  }
}
async function Jm(n, e = {}) {
  return Pe(n, "GET", "/v1/projects", e);
}
const Ym = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, Xm = /^https?/;
async function Zm(n) {
  if (n.config.emulator)
    return;
  const { authorizedDomains: e } = await Jm(n);
  for (const t of e)
    try {
      if (eg(t))
        return;
    } catch {
    }
  Ne(
    n,
    "unauthorized-domain"
    /* AuthErrorCode.INVALID_ORIGIN */
  );
}
function eg(n) {
  const e = wi(), { protocol: t, hostname: r } = new URL(e);
  if (n.startsWith("chrome-extension://")) {
    const a = new URL(n);
    return a.hostname === "" && r === "" ? t === "chrome-extension:" && n.replace("chrome-extension://", "") === e.replace("chrome-extension://", "") : t === "chrome-extension:" && a.hostname === r;
  }
  if (!Xm.test(t))
    return !1;
  if (Ym.test(n))
    return r === n;
  const s = n.replace(/\./g, "\\.");
  return new RegExp("^(.+\\." + s + "|" + s + ")$", "i").test(r);
}
const tg = new hr(3e4, 6e4);
function lc() {
  const n = re().___jsl;
  if (n?.H) {
    for (const e of Object.keys(n.H))
      if (n.H[e].r = n.H[e].r || [], n.H[e].L = n.H[e].L || [], n.H[e].r = [...n.H[e].L], n.CP)
        for (let t = 0; t < n.CP.length; t++)
          n.CP[t] = null;
  }
}
function ng(n) {
  return new Promise((e, t) => {
    function r() {
      lc(), gapi.load("gapi.iframes", {
        callback: () => {
          e(gapi.iframes.getContext());
        },
        ontimeout: () => {
          lc(), t(ke(
            n,
            "network-request-failed"
            /* AuthErrorCode.NETWORK_REQUEST_FAILED */
          ));
        },
        timeout: tg.get()
      });
    }
    if (re().gapi?.iframes?.Iframe)
      e(gapi.iframes.getContext());
    else if (re().gapi?.load)
      r();
    else {
      const s = Ju("iframefcb");
      return re()[s] = () => {
        gapi.load ? r() : t(ke(
          n,
          "network-request-failed"
          /* AuthErrorCode.NETWORK_REQUEST_FAILED */
        ));
      }, Ji(`${Vp()}?onload=${s}`).catch((o) => t(o));
    }
  }).catch((e) => {
    throw $r = null, e;
  });
}
let $r = null;
function rg(n) {
  return $r = $r || ng(n), $r;
}
const sg = new hr(5e3, 15e3), ig = "__/auth/iframe", og = "emulator/auth/iframe", ag = {
  style: {
    position: "absolute",
    top: "-100px",
    width: "1px",
    height: "1px"
  },
  "aria-hidden": "true",
  tabindex: "-1"
}, cg = /* @__PURE__ */ new Map([
  ["identitytoolkit.googleapis.com", "p"],
  // production
  ["staging-identitytoolkit.sandbox.googleapis.com", "s"],
  // staging
  ["test-identitytoolkit.sandbox.googleapis.com", "t"]
  // test
]);
function ug(n) {
  const e = n.config;
  k(
    e.authDomain,
    n,
    "auth-domain-config-required"
    /* AuthErrorCode.MISSING_AUTH_DOMAIN */
  );
  const t = e.emulator ? Gi(e, og) : `https://${n.config.authDomain}/${ig}`, r = {
    apiKey: e.apiKey,
    appName: n.name,
    v: mn
  }, s = cg.get(n.config.apiHost);
  s && (r.eid = s);
  const o = n._getFrameworks();
  return o.length && (r.fw = o.join(",")), `${t}?${pn(r).slice(1)}`;
}
async function lg(n) {
  const e = await rg(n), t = re().gapi;
  return k(
    t,
    n,
    "internal-error"
    /* AuthErrorCode.INTERNAL_ERROR */
  ), e.open({
    where: document.body,
    url: ug(n),
    messageHandlersFilter: t.iframes.CROSS_ORIGIN_IFRAMES_FILTER,
    attributes: ag,
    dontclear: !0
  }, (r) => new Promise(async (s, o) => {
    await r.restyle({
      // Prevent iframe from closing on mouse out.
      setHideOnLeave: !1
    });
    const a = ke(
      n,
      "network-request-failed"
      /* AuthErrorCode.NETWORK_REQUEST_FAILED */
    ), u = re().setTimeout(() => {
      o(a);
    }, sg.get());
    function h() {
      re().clearTimeout(u), s(r);
    }
    r.ping(h).then(h, () => {
      o(a);
    });
  }));
}
const hg = {
  location: "yes",
  resizable: "yes",
  statusbar: "yes",
  toolbar: "no"
}, dg = 500, fg = 600, pg = "_blank", mg = "http://localhost";
class hc {
  constructor(e) {
    this.window = e, this.associatedEvent = null;
  }
  close() {
    if (this.window)
      try {
        this.window.close();
      } catch {
      }
  }
}
function gg(n, e, t, r = dg, s = fg) {
  const o = Math.max((window.screen.availHeight - s) / 2, 0).toString(), a = Math.max((window.screen.availWidth - r) / 2, 0).toString();
  let u = "";
  const h = {
    ...hg,
    width: r.toString(),
    height: s.toString(),
    top: o,
    left: a
  }, d = Te().toLowerCase();
  t && (u = $u(d) ? pg : t), qu(d) && (e = e || mg, h.scrollbars = "yes");
  const p = Object.entries(h).reduce((A, [C, D]) => `${A}${C}=${D},`, "");
  if (Tp(d) && u !== "_self")
    return _g(e || "", u), new hc(null);
  const I = window.open(e || "", u, p);
  k(
    I,
    n,
    "popup-blocked"
    /* AuthErrorCode.POPUP_BLOCKED */
  );
  try {
    I.focus();
  } catch {
  }
  return new hc(I);
}
function _g(n, e) {
  const t = document.createElement("a");
  t.href = n, t.target = e;
  const r = document.createEvent("MouseEvent");
  r.initMouseEvent("click", !0, !0, window, 1, 0, 0, 0, 0, !1, !1, !1, !1, 1, null), t.dispatchEvent(r);
}
const yg = "__/auth/handler", Eg = "emulator/auth/handler", Ig = encodeURIComponent("fac");
async function dc(n, e, t, r, s, o) {
  k(
    n.config.authDomain,
    n,
    "auth-domain-config-required"
    /* AuthErrorCode.MISSING_AUTH_DOMAIN */
  ), k(
    n.config.apiKey,
    n,
    "invalid-api-key"
    /* AuthErrorCode.INVALID_API_KEY */
  );
  const a = {
    apiKey: n.config.apiKey,
    appName: n.name,
    authType: t,
    redirectUrl: r,
    v: mn,
    eventId: s
  };
  if (e instanceof el) {
    e.setDefaultLanguage(n.languageCode), a.providerId = e.providerId || "", qd(e.getCustomParameters()) || (a.customParameters = JSON.stringify(e.getCustomParameters()));
    for (const [p, I] of Object.entries({}))
      a[p] = I;
  }
  if (e instanceof fr) {
    const p = e.getScopes().filter((I) => I !== "");
    p.length > 0 && (a.scopes = p.join(","));
  }
  n.tenantId && (a.tid = n.tenantId);
  const u = a;
  for (const p of Object.keys(u))
    u[p] === void 0 && delete u[p];
  const h = await n._getAppCheckToken(), d = h ? `#${Ig}=${encodeURIComponent(h)}` : "";
  return `${Tg(n)}?${pn(u).slice(1)}${d}`;
}
function Tg({ config: n }) {
  return n.emulator ? Gi(n, Eg) : `https://${n.authDomain}/${yg}`;
}
const li = "webStorageSupport";
class wg {
  constructor() {
    this.eventManagers = {}, this.iframes = {}, this.originValidationPromises = {}, this._redirectPersistence = al, this._completeRedirectFn = Wm, this._overrideRedirectResult = $m;
  }
  // Wrapping in async even though we don't await anywhere in order
  // to make sure errors are raised as promise rejections
  async _openPopup(e, t, r, s) {
    Qe(this.eventManagers[e._key()]?.manager, "_initialize() not called before _openPopup()");
    const o = await dc(e, t, r, wi(), s);
    return gg(e, o, no());
  }
  async _openRedirect(e, t, r, s) {
    await this._originValidation(e);
    const o = await dc(e, t, r, wi(), s);
    return _m(o), new Promise(() => {
    });
  }
  _initialize(e) {
    const t = e._key();
    if (this.eventManagers[t]) {
      const { manager: s, promise: o } = this.eventManagers[t];
      return s ? Promise.resolve(s) : (Qe(o, "If manager is not set, promise should be"), o);
    }
    const r = this.initAndGetManager(e);
    return this.eventManagers[t] = { promise: r }, r.catch(() => {
      delete this.eventManagers[t];
    }), r;
  }
  async initAndGetManager(e) {
    const t = await lg(e), r = new Km(e);
    return t.register("authEvent", (s) => (k(
      s?.authEvent,
      e,
      "invalid-auth-event"
      /* AuthErrorCode.INVALID_AUTH_EVENT */
    ), {
      status: r.onEvent(s.authEvent) ? "ACK" : "ERROR"
      /* GapiOutcome.ERROR */
    }), gapi.iframes.CROSS_ORIGIN_IFRAMES_FILTER), this.eventManagers[e._key()] = { manager: r }, this.iframes[e._key()] = t, r;
  }
  _isIframeWebStorageSupported(e, t) {
    this.iframes[e._key()].send(li, { type: li }, (s) => {
      const o = s?.[0]?.[li];
      o !== void 0 && t(!!o), Ne(
        e,
        "internal-error"
        /* AuthErrorCode.INTERNAL_ERROR */
      );
    }, gapi.iframes.CROSS_ORIGIN_IFRAMES_FILTER);
  }
  _originValidation(e) {
    const t = e._key();
    return this.originValidationPromises[t] || (this.originValidationPromises[t] = Zm(e)), this.originValidationPromises[t];
  }
  get _shouldInitProactively() {
    return Ku() || ju() || Qi();
  }
}
const vg = wg;
var fc = "@firebase/auth", pc = "1.12.0";
class Ag {
  constructor(e) {
    this.auth = e, this.internalListeners = /* @__PURE__ */ new Map();
  }
  getUid() {
    return this.assertAuthConfigured(), this.auth.currentUser?.uid || null;
  }
  async getToken(e) {
    return this.assertAuthConfigured(), await this.auth._initializationPromise, this.auth.currentUser ? { accessToken: await this.auth.currentUser.getIdToken(e) } : null;
  }
  addAuthTokenListener(e) {
    if (this.assertAuthConfigured(), this.internalListeners.has(e))
      return;
    const t = this.auth.onIdTokenChanged((r) => {
      e(r?.stsTokenManager.accessToken || null);
    });
    this.internalListeners.set(e, t), this.updateProactiveRefresh();
  }
  removeAuthTokenListener(e) {
    this.assertAuthConfigured();
    const t = this.internalListeners.get(e);
    t && (this.internalListeners.delete(e), t(), this.updateProactiveRefresh());
  }
  assertAuthConfigured() {
    k(
      this.auth._initializationPromise,
      "dependent-sdk-initialized-before-auth"
      /* AuthErrorCode.DEPENDENT_SDK_INIT_BEFORE_AUTH */
    );
  }
  updateProactiveRefresh() {
    this.internalListeners.size > 0 ? this.auth._startProactiveRefresh() : this.auth._stopProactiveRefresh();
  }
}
function Rg(n) {
  switch (n) {
    case "Node":
      return "node";
    case "ReactNative":
      return "rn";
    case "Worker":
      return "webworker";
    case "Cordova":
      return "cordova";
    case "WebExtension":
      return "web-extension";
    default:
      return;
  }
}
function Sg(n) {
  on(new xt(
    "auth",
    (e, { options: t }) => {
      const r = e.getProvider("app").getImmediate(), s = e.getProvider("heartbeat"), o = e.getProvider("app-check-internal"), { apiKey: a, authDomain: u } = r.options;
      k(a && !a.includes(":"), "invalid-api-key", { appName: r.name });
      const h = {
        apiKey: a,
        authDomain: u,
        clientPlatform: n,
        apiHost: "identitytoolkit.googleapis.com",
        tokenApiHost: "securetoken.googleapis.com",
        apiScheme: "https",
        sdkClientVersion: Qu(n)
      }, d = new Pp(r, s, o, h);
      return jp(d, t), d;
    },
    "PUBLIC"
    /* ComponentType.PUBLIC */
  ).setInstantiationMode(
    "EXPLICIT"
    /* InstantiationMode.EXPLICIT */
  ).setInstanceCreatedCallback((e, t, r) => {
    e.getProvider(
      "auth-internal"
      /* _ComponentName.AUTH_INTERNAL */
    ).initialize();
  })), on(new xt(
    "auth-internal",
    (e) => {
      const t = De(e.getProvider(
        "auth"
        /* _ComponentName.AUTH */
      ).getImmediate());
      return ((r) => new Ag(r))(t);
    },
    "PRIVATE"
    /* ComponentType.PRIVATE */
  ).setInstantiationMode(
    "EXPLICIT"
    /* InstantiationMode.EXPLICIT */
  )), ft(fc, pc, Rg(n)), ft(fc, pc, "esm2020");
}
const Pg = 300, Cg = wu("authIdTokenMaxAge") || Pg;
let mc = null;
const bg = (n) => async (e) => {
  const t = e && await e.getIdTokenResult(), r = t && ((/* @__PURE__ */ new Date()).getTime() - Date.parse(t.issuedAtTime)) / 1e3;
  if (r && r > Cg)
    return;
  const s = t?.token;
  mc !== s && (mc = s, await fetch(n, {
    method: s ? "POST" : "DELETE",
    headers: s ? {
      Authorization: `Bearer ${s}`
    } : {}
  }));
};
function BE(n = Pu()) {
  const e = zi(n, "auth");
  if (e.isInitialized())
    return e.getImmediate();
  const t = qp(n, {
    popupRedirectResolver: vg,
    persistence: [
      Sm,
      pm,
      al
    ]
  }), r = wu("authTokenSyncURL");
  if (r && typeof isSecureContext == "boolean" && isSecureContext) {
    const o = new URL(r, location.origin);
    if (location.origin === o.origin) {
      const a = bg(o.toString());
      hm(t, a, () => a(t.currentUser)), lm(t, (u) => a(u));
    }
  }
  const s = Iu("auth");
  return s && $p(t, `http://${s}`), t;
}
function kg() {
  return document.getElementsByTagName("head")?.[0] ?? document;
}
Cp({
  loadJS(n) {
    return new Promise((e, t) => {
      const r = document.createElement("script");
      r.setAttribute("src", n), r.onload = e, r.onerror = (s) => {
        const o = ke(
          "internal-error"
          /* AuthErrorCode.INTERNAL_ERROR */
        );
        o.customData = s, t(o);
      }, r.type = "text/javascript", r.charset = "UTF-8", kg().appendChild(r);
    });
  },
  gapiScript: "https://apis.google.com/js/api.js",
  recaptchaV2Script: "https://www.google.com/recaptcha/api.js",
  recaptchaEnterpriseScript: "https://www.google.com/recaptcha/enterprise.js?render="
});
Sg(
  "Browser"
  /* ClientPlatform.BROWSER */
);
var gc = typeof globalThis < "u" ? globalThis : typeof window < "u" ? window : typeof global < "u" ? global : typeof self < "u" ? self : {};
var pt, fl;
(function() {
  var n;
  function e(E, m) {
    function _() {
    }
    _.prototype = m.prototype, E.F = m.prototype, E.prototype = new _(), E.prototype.constructor = E, E.D = function(T, y, v) {
      for (var g = Array(arguments.length - 2), Re = 2; Re < arguments.length; Re++) g[Re - 2] = arguments[Re];
      return m.prototype[y].apply(T, g);
    };
  }
  function t() {
    this.blockSize = -1;
  }
  function r() {
    this.blockSize = -1, this.blockSize = 64, this.g = Array(4), this.C = Array(this.blockSize), this.o = this.h = 0, this.u();
  }
  e(r, t), r.prototype.u = function() {
    this.g[0] = 1732584193, this.g[1] = 4023233417, this.g[2] = 2562383102, this.g[3] = 271733878, this.o = this.h = 0;
  };
  function s(E, m, _) {
    _ || (_ = 0);
    const T = Array(16);
    if (typeof m == "string") for (var y = 0; y < 16; ++y) T[y] = m.charCodeAt(_++) | m.charCodeAt(_++) << 8 | m.charCodeAt(_++) << 16 | m.charCodeAt(_++) << 24;
    else for (y = 0; y < 16; ++y) T[y] = m[_++] | m[_++] << 8 | m[_++] << 16 | m[_++] << 24;
    m = E.g[0], _ = E.g[1], y = E.g[2];
    let v = E.g[3], g;
    g = m + (v ^ _ & (y ^ v)) + T[0] + 3614090360 & 4294967295, m = _ + (g << 7 & 4294967295 | g >>> 25), g = v + (y ^ m & (_ ^ y)) + T[1] + 3905402710 & 4294967295, v = m + (g << 12 & 4294967295 | g >>> 20), g = y + (_ ^ v & (m ^ _)) + T[2] + 606105819 & 4294967295, y = v + (g << 17 & 4294967295 | g >>> 15), g = _ + (m ^ y & (v ^ m)) + T[3] + 3250441966 & 4294967295, _ = y + (g << 22 & 4294967295 | g >>> 10), g = m + (v ^ _ & (y ^ v)) + T[4] + 4118548399 & 4294967295, m = _ + (g << 7 & 4294967295 | g >>> 25), g = v + (y ^ m & (_ ^ y)) + T[5] + 1200080426 & 4294967295, v = m + (g << 12 & 4294967295 | g >>> 20), g = y + (_ ^ v & (m ^ _)) + T[6] + 2821735955 & 4294967295, y = v + (g << 17 & 4294967295 | g >>> 15), g = _ + (m ^ y & (v ^ m)) + T[7] + 4249261313 & 4294967295, _ = y + (g << 22 & 4294967295 | g >>> 10), g = m + (v ^ _ & (y ^ v)) + T[8] + 1770035416 & 4294967295, m = _ + (g << 7 & 4294967295 | g >>> 25), g = v + (y ^ m & (_ ^ y)) + T[9] + 2336552879 & 4294967295, v = m + (g << 12 & 4294967295 | g >>> 20), g = y + (_ ^ v & (m ^ _)) + T[10] + 4294925233 & 4294967295, y = v + (g << 17 & 4294967295 | g >>> 15), g = _ + (m ^ y & (v ^ m)) + T[11] + 2304563134 & 4294967295, _ = y + (g << 22 & 4294967295 | g >>> 10), g = m + (v ^ _ & (y ^ v)) + T[12] + 1804603682 & 4294967295, m = _ + (g << 7 & 4294967295 | g >>> 25), g = v + (y ^ m & (_ ^ y)) + T[13] + 4254626195 & 4294967295, v = m + (g << 12 & 4294967295 | g >>> 20), g = y + (_ ^ v & (m ^ _)) + T[14] + 2792965006 & 4294967295, y = v + (g << 17 & 4294967295 | g >>> 15), g = _ + (m ^ y & (v ^ m)) + T[15] + 1236535329 & 4294967295, _ = y + (g << 22 & 4294967295 | g >>> 10), g = m + (y ^ v & (_ ^ y)) + T[1] + 4129170786 & 4294967295, m = _ + (g << 5 & 4294967295 | g >>> 27), g = v + (_ ^ y & (m ^ _)) + T[6] + 3225465664 & 4294967295, v = m + (g << 9 & 4294967295 | g >>> 23), g = y + (m ^ _ & (v ^ m)) + T[11] + 643717713 & 4294967295, y = v + (g << 14 & 4294967295 | g >>> 18), g = _ + (v ^ m & (y ^ v)) + T[0] + 3921069994 & 4294967295, _ = y + (g << 20 & 4294967295 | g >>> 12), g = m + (y ^ v & (_ ^ y)) + T[5] + 3593408605 & 4294967295, m = _ + (g << 5 & 4294967295 | g >>> 27), g = v + (_ ^ y & (m ^ _)) + T[10] + 38016083 & 4294967295, v = m + (g << 9 & 4294967295 | g >>> 23), g = y + (m ^ _ & (v ^ m)) + T[15] + 3634488961 & 4294967295, y = v + (g << 14 & 4294967295 | g >>> 18), g = _ + (v ^ m & (y ^ v)) + T[4] + 3889429448 & 4294967295, _ = y + (g << 20 & 4294967295 | g >>> 12), g = m + (y ^ v & (_ ^ y)) + T[9] + 568446438 & 4294967295, m = _ + (g << 5 & 4294967295 | g >>> 27), g = v + (_ ^ y & (m ^ _)) + T[14] + 3275163606 & 4294967295, v = m + (g << 9 & 4294967295 | g >>> 23), g = y + (m ^ _ & (v ^ m)) + T[3] + 4107603335 & 4294967295, y = v + (g << 14 & 4294967295 | g >>> 18), g = _ + (v ^ m & (y ^ v)) + T[8] + 1163531501 & 4294967295, _ = y + (g << 20 & 4294967295 | g >>> 12), g = m + (y ^ v & (_ ^ y)) + T[13] + 2850285829 & 4294967295, m = _ + (g << 5 & 4294967295 | g >>> 27), g = v + (_ ^ y & (m ^ _)) + T[2] + 4243563512 & 4294967295, v = m + (g << 9 & 4294967295 | g >>> 23), g = y + (m ^ _ & (v ^ m)) + T[7] + 1735328473 & 4294967295, y = v + (g << 14 & 4294967295 | g >>> 18), g = _ + (v ^ m & (y ^ v)) + T[12] + 2368359562 & 4294967295, _ = y + (g << 20 & 4294967295 | g >>> 12), g = m + (_ ^ y ^ v) + T[5] + 4294588738 & 4294967295, m = _ + (g << 4 & 4294967295 | g >>> 28), g = v + (m ^ _ ^ y) + T[8] + 2272392833 & 4294967295, v = m + (g << 11 & 4294967295 | g >>> 21), g = y + (v ^ m ^ _) + T[11] + 1839030562 & 4294967295, y = v + (g << 16 & 4294967295 | g >>> 16), g = _ + (y ^ v ^ m) + T[14] + 4259657740 & 4294967295, _ = y + (g << 23 & 4294967295 | g >>> 9), g = m + (_ ^ y ^ v) + T[1] + 2763975236 & 4294967295, m = _ + (g << 4 & 4294967295 | g >>> 28), g = v + (m ^ _ ^ y) + T[4] + 1272893353 & 4294967295, v = m + (g << 11 & 4294967295 | g >>> 21), g = y + (v ^ m ^ _) + T[7] + 4139469664 & 4294967295, y = v + (g << 16 & 4294967295 | g >>> 16), g = _ + (y ^ v ^ m) + T[10] + 3200236656 & 4294967295, _ = y + (g << 23 & 4294967295 | g >>> 9), g = m + (_ ^ y ^ v) + T[13] + 681279174 & 4294967295, m = _ + (g << 4 & 4294967295 | g >>> 28), g = v + (m ^ _ ^ y) + T[0] + 3936430074 & 4294967295, v = m + (g << 11 & 4294967295 | g >>> 21), g = y + (v ^ m ^ _) + T[3] + 3572445317 & 4294967295, y = v + (g << 16 & 4294967295 | g >>> 16), g = _ + (y ^ v ^ m) + T[6] + 76029189 & 4294967295, _ = y + (g << 23 & 4294967295 | g >>> 9), g = m + (_ ^ y ^ v) + T[9] + 3654602809 & 4294967295, m = _ + (g << 4 & 4294967295 | g >>> 28), g = v + (m ^ _ ^ y) + T[12] + 3873151461 & 4294967295, v = m + (g << 11 & 4294967295 | g >>> 21), g = y + (v ^ m ^ _) + T[15] + 530742520 & 4294967295, y = v + (g << 16 & 4294967295 | g >>> 16), g = _ + (y ^ v ^ m) + T[2] + 3299628645 & 4294967295, _ = y + (g << 23 & 4294967295 | g >>> 9), g = m + (y ^ (_ | ~v)) + T[0] + 4096336452 & 4294967295, m = _ + (g << 6 & 4294967295 | g >>> 26), g = v + (_ ^ (m | ~y)) + T[7] + 1126891415 & 4294967295, v = m + (g << 10 & 4294967295 | g >>> 22), g = y + (m ^ (v | ~_)) + T[14] + 2878612391 & 4294967295, y = v + (g << 15 & 4294967295 | g >>> 17), g = _ + (v ^ (y | ~m)) + T[5] + 4237533241 & 4294967295, _ = y + (g << 21 & 4294967295 | g >>> 11), g = m + (y ^ (_ | ~v)) + T[12] + 1700485571 & 4294967295, m = _ + (g << 6 & 4294967295 | g >>> 26), g = v + (_ ^ (m | ~y)) + T[3] + 2399980690 & 4294967295, v = m + (g << 10 & 4294967295 | g >>> 22), g = y + (m ^ (v | ~_)) + T[10] + 4293915773 & 4294967295, y = v + (g << 15 & 4294967295 | g >>> 17), g = _ + (v ^ (y | ~m)) + T[1] + 2240044497 & 4294967295, _ = y + (g << 21 & 4294967295 | g >>> 11), g = m + (y ^ (_ | ~v)) + T[8] + 1873313359 & 4294967295, m = _ + (g << 6 & 4294967295 | g >>> 26), g = v + (_ ^ (m | ~y)) + T[15] + 4264355552 & 4294967295, v = m + (g << 10 & 4294967295 | g >>> 22), g = y + (m ^ (v | ~_)) + T[6] + 2734768916 & 4294967295, y = v + (g << 15 & 4294967295 | g >>> 17), g = _ + (v ^ (y | ~m)) + T[13] + 1309151649 & 4294967295, _ = y + (g << 21 & 4294967295 | g >>> 11), g = m + (y ^ (_ | ~v)) + T[4] + 4149444226 & 4294967295, m = _ + (g << 6 & 4294967295 | g >>> 26), g = v + (_ ^ (m | ~y)) + T[11] + 3174756917 & 4294967295, v = m + (g << 10 & 4294967295 | g >>> 22), g = y + (m ^ (v | ~_)) + T[2] + 718787259 & 4294967295, y = v + (g << 15 & 4294967295 | g >>> 17), g = _ + (v ^ (y | ~m)) + T[9] + 3951481745 & 4294967295, E.g[0] = E.g[0] + m & 4294967295, E.g[1] = E.g[1] + (y + (g << 21 & 4294967295 | g >>> 11)) & 4294967295, E.g[2] = E.g[2] + y & 4294967295, E.g[3] = E.g[3] + v & 4294967295;
  }
  r.prototype.v = function(E, m) {
    m === void 0 && (m = E.length);
    const _ = m - this.blockSize, T = this.C;
    let y = this.h, v = 0;
    for (; v < m; ) {
      if (y == 0) for (; v <= _; ) s(this, E, v), v += this.blockSize;
      if (typeof E == "string") {
        for (; v < m; )
          if (T[y++] = E.charCodeAt(v++), y == this.blockSize) {
            s(this, T), y = 0;
            break;
          }
      } else for (; v < m; ) if (T[y++] = E[v++], y == this.blockSize) {
        s(this, T), y = 0;
        break;
      }
    }
    this.h = y, this.o += m;
  }, r.prototype.A = function() {
    var E = Array((this.h < 56 ? this.blockSize : this.blockSize * 2) - this.h);
    E[0] = 128;
    for (var m = 1; m < E.length - 8; ++m) E[m] = 0;
    m = this.o * 8;
    for (var _ = E.length - 8; _ < E.length; ++_) E[_] = m & 255, m /= 256;
    for (this.v(E), E = Array(16), m = 0, _ = 0; _ < 4; ++_) for (let T = 0; T < 32; T += 8) E[m++] = this.g[_] >>> T & 255;
    return E;
  };
  function o(E, m) {
    var _ = u;
    return Object.prototype.hasOwnProperty.call(_, E) ? _[E] : _[E] = m(E);
  }
  function a(E, m) {
    this.h = m;
    const _ = [];
    let T = !0;
    for (let y = E.length - 1; y >= 0; y--) {
      const v = E[y] | 0;
      T && v == m || (_[y] = v, T = !1);
    }
    this.g = _;
  }
  var u = {};
  function h(E) {
    return -128 <= E && E < 128 ? o(E, function(m) {
      return new a([m | 0], m < 0 ? -1 : 0);
    }) : new a([E | 0], E < 0 ? -1 : 0);
  }
  function d(E) {
    if (isNaN(E) || !isFinite(E)) return I;
    if (E < 0) return L(d(-E));
    const m = [];
    let _ = 1;
    for (let T = 0; E >= _; T++) m[T] = E / _ | 0, _ *= 4294967296;
    return new a(m, 0);
  }
  function p(E, m) {
    if (E.length == 0) throw Error("number format error: empty string");
    if (m = m || 10, m < 2 || 36 < m) throw Error("radix out of range: " + m);
    if (E.charAt(0) == "-") return L(p(E.substring(1), m));
    if (E.indexOf("-") >= 0) throw Error('number format error: interior "-" character');
    const _ = d(Math.pow(m, 8));
    let T = I;
    for (let v = 0; v < E.length; v += 8) {
      var y = Math.min(8, E.length - v);
      const g = parseInt(E.substring(v, v + y), m);
      y < 8 ? (y = d(Math.pow(m, y)), T = T.j(y).add(d(g))) : (T = T.j(_), T = T.add(d(g)));
    }
    return T;
  }
  var I = h(0), A = h(1), C = h(16777216);
  n = a.prototype, n.m = function() {
    if (M(this)) return -L(this).m();
    let E = 0, m = 1;
    for (let _ = 0; _ < this.g.length; _++) {
      const T = this.i(_);
      E += (T >= 0 ? T : 4294967296 + T) * m, m *= 4294967296;
    }
    return E;
  }, n.toString = function(E) {
    if (E = E || 10, E < 2 || 36 < E) throw Error("radix out of range: " + E);
    if (D(this)) return "0";
    if (M(this)) return "-" + L(this).toString(E);
    const m = d(Math.pow(E, 6));
    var _ = this;
    let T = "";
    for (; ; ) {
      const y = me(_, m).g;
      _ = z(_, y.j(m));
      let v = ((_.g.length > 0 ? _.g[0] : _.h) >>> 0).toString(E);
      if (_ = y, D(_)) return v + T;
      for (; v.length < 6; ) v = "0" + v;
      T = v + T;
    }
  }, n.i = function(E) {
    return E < 0 ? 0 : E < this.g.length ? this.g[E] : this.h;
  };
  function D(E) {
    if (E.h != 0) return !1;
    for (let m = 0; m < E.g.length; m++) if (E.g[m] != 0) return !1;
    return !0;
  }
  function M(E) {
    return E.h == -1;
  }
  n.l = function(E) {
    return E = z(this, E), M(E) ? -1 : D(E) ? 0 : 1;
  };
  function L(E) {
    const m = E.g.length, _ = [];
    for (let T = 0; T < m; T++) _[T] = ~E.g[T];
    return new a(_, ~E.h).add(A);
  }
  n.abs = function() {
    return M(this) ? L(this) : this;
  }, n.add = function(E) {
    const m = Math.max(this.g.length, E.g.length), _ = [];
    let T = 0;
    for (let y = 0; y <= m; y++) {
      let v = T + (this.i(y) & 65535) + (E.i(y) & 65535), g = (v >>> 16) + (this.i(y) >>> 16) + (E.i(y) >>> 16);
      T = g >>> 16, v &= 65535, g &= 65535, _[y] = g << 16 | v;
    }
    return new a(_, _[_.length - 1] & -2147483648 ? -1 : 0);
  };
  function z(E, m) {
    return E.add(L(m));
  }
  n.j = function(E) {
    if (D(this) || D(E)) return I;
    if (M(this)) return M(E) ? L(this).j(L(E)) : L(L(this).j(E));
    if (M(E)) return L(this.j(L(E)));
    if (this.l(C) < 0 && E.l(C) < 0) return d(this.m() * E.m());
    const m = this.g.length + E.g.length, _ = [];
    for (var T = 0; T < 2 * m; T++) _[T] = 0;
    for (T = 0; T < this.g.length; T++) for (let y = 0; y < E.g.length; y++) {
      const v = this.i(T) >>> 16, g = this.i(T) & 65535, Re = E.i(y) >>> 16, At = E.i(y) & 65535;
      _[2 * T + 2 * y] += g * At, G(_, 2 * T + 2 * y), _[2 * T + 2 * y + 1] += v * At, G(_, 2 * T + 2 * y + 1), _[2 * T + 2 * y + 1] += g * Re, G(_, 2 * T + 2 * y + 1), _[2 * T + 2 * y + 2] += v * Re, G(_, 2 * T + 2 * y + 2);
    }
    for (E = 0; E < m; E++) _[E] = _[2 * E + 1] << 16 | _[2 * E];
    for (E = m; E < 2 * m; E++) _[E] = 0;
    return new a(_, 0);
  };
  function G(E, m) {
    for (; (E[m] & 65535) != E[m]; ) E[m + 1] += E[m] >>> 16, E[m] &= 65535, m++;
  }
  function X(E, m) {
    this.g = E, this.h = m;
  }
  function me(E, m) {
    if (D(m)) throw Error("division by zero");
    if (D(E)) return new X(I, I);
    if (M(E)) return m = me(L(E), m), new X(L(m.g), L(m.h));
    if (M(m)) return m = me(E, L(m)), new X(L(m.g), m.h);
    if (E.g.length > 30) {
      if (M(E) || M(m)) throw Error("slowDivide_ only works with positive integers.");
      for (var _ = A, T = m; T.l(E) <= 0; ) _ = Oe(_), T = Oe(T);
      var y = de(_, 1), v = de(T, 1);
      for (T = de(T, 2), _ = de(_, 2); !D(T); ) {
        var g = v.add(T);
        g.l(E) <= 0 && (y = y.add(_), v = g), T = de(T, 1), _ = de(_, 1);
      }
      return m = z(E, y.j(m)), new X(y, m);
    }
    for (y = I; E.l(m) >= 0; ) {
      for (_ = Math.max(1, Math.floor(E.m() / m.m())), T = Math.ceil(Math.log(_) / Math.LN2), T = T <= 48 ? 1 : Math.pow(2, T - 48), v = d(_), g = v.j(m); M(g) || g.l(E) > 0; ) _ -= T, v = d(_), g = v.j(m);
      D(v) && (v = A), y = y.add(v), E = z(E, g);
    }
    return new X(y, E);
  }
  n.B = function(E) {
    return me(this, E).h;
  }, n.and = function(E) {
    const m = Math.max(this.g.length, E.g.length), _ = [];
    for (let T = 0; T < m; T++) _[T] = this.i(T) & E.i(T);
    return new a(_, this.h & E.h);
  }, n.or = function(E) {
    const m = Math.max(this.g.length, E.g.length), _ = [];
    for (let T = 0; T < m; T++) _[T] = this.i(T) | E.i(T);
    return new a(_, this.h | E.h);
  }, n.xor = function(E) {
    const m = Math.max(this.g.length, E.g.length), _ = [];
    for (let T = 0; T < m; T++) _[T] = this.i(T) ^ E.i(T);
    return new a(_, this.h ^ E.h);
  };
  function Oe(E) {
    const m = E.g.length + 1, _ = [];
    for (let T = 0; T < m; T++) _[T] = E.i(T) << 1 | E.i(T - 1) >>> 31;
    return new a(_, E.h);
  }
  function de(E, m) {
    const _ = m >> 5;
    m %= 32;
    const T = E.g.length - _, y = [];
    for (let v = 0; v < T; v++) y[v] = m > 0 ? E.i(v + _) >>> m | E.i(v + _ + 1) << 32 - m : E.i(v + _);
    return new a(y, E.h);
  }
  r.prototype.digest = r.prototype.A, r.prototype.reset = r.prototype.u, r.prototype.update = r.prototype.v, fl = r, a.prototype.add = a.prototype.add, a.prototype.multiply = a.prototype.j, a.prototype.modulo = a.prototype.B, a.prototype.compare = a.prototype.l, a.prototype.toNumber = a.prototype.m, a.prototype.toString = a.prototype.toString, a.prototype.getBits = a.prototype.i, a.fromNumber = d, a.fromString = p, pt = a;
}).apply(typeof gc < "u" ? gc : typeof self < "u" ? self : typeof window < "u" ? window : {});
var Lr = typeof globalThis < "u" ? globalThis : typeof window < "u" ? window : typeof global < "u" ? global : typeof self < "u" ? self : {};
var pl, $n, ml, Hr, Ri, gl, _l, yl;
(function() {
  var n, e = Object.defineProperty;
  function t(i) {
    i = [typeof globalThis == "object" && globalThis, i, typeof window == "object" && window, typeof self == "object" && self, typeof Lr == "object" && Lr];
    for (var c = 0; c < i.length; ++c) {
      var l = i[c];
      if (l && l.Math == Math) return l;
    }
    throw Error("Cannot find global object");
  }
  var r = t(this);
  function s(i, c) {
    if (c) e: {
      var l = r;
      i = i.split(".");
      for (var f = 0; f < i.length - 1; f++) {
        var w = i[f];
        if (!(w in l)) break e;
        l = l[w];
      }
      i = i[i.length - 1], f = l[i], c = c(f), c != f && c != null && e(l, i, { configurable: !0, writable: !0, value: c });
    }
  }
  s("Symbol.dispose", function(i) {
    return i || /* @__PURE__ */ Symbol("Symbol.dispose");
  }), s("Array.prototype.values", function(i) {
    return i || function() {
      return this[Symbol.iterator]();
    };
  }), s("Object.entries", function(i) {
    return i || function(c) {
      var l = [], f;
      for (f in c) Object.prototype.hasOwnProperty.call(c, f) && l.push([f, c[f]]);
      return l;
    };
  });
  var o = o || {}, a = this || self;
  function u(i) {
    var c = typeof i;
    return c == "object" && i != null || c == "function";
  }
  function h(i, c, l) {
    return i.call.apply(i.bind, arguments);
  }
  function d(i, c, l) {
    return d = h, d.apply(null, arguments);
  }
  function p(i, c) {
    var l = Array.prototype.slice.call(arguments, 1);
    return function() {
      var f = l.slice();
      return f.push.apply(f, arguments), i.apply(this, f);
    };
  }
  function I(i, c) {
    function l() {
    }
    l.prototype = c.prototype, i.Z = c.prototype, i.prototype = new l(), i.prototype.constructor = i, i.Ob = function(f, w, R) {
      for (var b = Array(arguments.length - 2), U = 2; U < arguments.length; U++) b[U - 2] = arguments[U];
      return c.prototype[w].apply(f, b);
    };
  }
  var A = typeof AsyncContext < "u" && typeof AsyncContext.Snapshot == "function" ? (i) => i && AsyncContext.Snapshot.wrap(i) : (i) => i;
  function C(i) {
    const c = i.length;
    if (c > 0) {
      const l = Array(c);
      for (let f = 0; f < c; f++) l[f] = i[f];
      return l;
    }
    return [];
  }
  function D(i, c) {
    for (let f = 1; f < arguments.length; f++) {
      const w = arguments[f];
      var l = typeof w;
      if (l = l != "object" ? l : w ? Array.isArray(w) ? "array" : l : "null", l == "array" || l == "object" && typeof w.length == "number") {
        l = i.length || 0;
        const R = w.length || 0;
        i.length = l + R;
        for (let b = 0; b < R; b++) i[l + b] = w[b];
      } else i.push(w);
    }
  }
  class M {
    constructor(c, l) {
      this.i = c, this.j = l, this.h = 0, this.g = null;
    }
    get() {
      let c;
      return this.h > 0 ? (this.h--, c = this.g, this.g = c.next, c.next = null) : c = this.i(), c;
    }
  }
  function L(i) {
    a.setTimeout(() => {
      throw i;
    }, 0);
  }
  function z() {
    var i = E;
    let c = null;
    return i.g && (c = i.g, i.g = i.g.next, i.g || (i.h = null), c.next = null), c;
  }
  class G {
    constructor() {
      this.h = this.g = null;
    }
    add(c, l) {
      const f = X.get();
      f.set(c, l), this.h ? this.h.next = f : this.g = f, this.h = f;
    }
  }
  var X = new M(() => new me(), (i) => i.reset());
  class me {
    constructor() {
      this.next = this.g = this.h = null;
    }
    set(c, l) {
      this.h = c, this.g = l, this.next = null;
    }
    reset() {
      this.next = this.g = this.h = null;
    }
  }
  let Oe, de = !1, E = new G(), m = () => {
    const i = Promise.resolve(void 0);
    Oe = () => {
      i.then(_);
    };
  };
  function _() {
    for (var i; i = z(); ) {
      try {
        i.h.call(i.g);
      } catch (l) {
        L(l);
      }
      var c = X;
      c.j(i), c.h < 100 && (c.h++, i.next = c.g, c.g = i);
    }
    de = !1;
  }
  function T() {
    this.u = this.u, this.C = this.C;
  }
  T.prototype.u = !1, T.prototype.dispose = function() {
    this.u || (this.u = !0, this.N());
  }, T.prototype[Symbol.dispose] = function() {
    this.dispose();
  }, T.prototype.N = function() {
    if (this.C) for (; this.C.length; ) this.C.shift()();
  };
  function y(i, c) {
    this.type = i, this.g = this.target = c, this.defaultPrevented = !1;
  }
  y.prototype.h = function() {
    this.defaultPrevented = !0;
  };
  var v = (function() {
    if (!a.addEventListener || !Object.defineProperty) return !1;
    var i = !1, c = Object.defineProperty({}, "passive", { get: function() {
      i = !0;
    } });
    try {
      const l = () => {
      };
      a.addEventListener("test", l, c), a.removeEventListener("test", l, c);
    } catch {
    }
    return i;
  })();
  function g(i) {
    return /^[\s\xa0]*$/.test(i);
  }
  function Re(i, c) {
    y.call(this, i ? i.type : ""), this.relatedTarget = this.g = this.target = null, this.button = this.screenY = this.screenX = this.clientY = this.clientX = 0, this.key = "", this.metaKey = this.shiftKey = this.altKey = this.ctrlKey = !1, this.state = null, this.pointerId = 0, this.pointerType = "", this.i = null, i && this.init(i, c);
  }
  I(Re, y), Re.prototype.init = function(i, c) {
    const l = this.type = i.type, f = i.changedTouches && i.changedTouches.length ? i.changedTouches[0] : null;
    this.target = i.target || i.srcElement, this.g = c, c = i.relatedTarget, c || (l == "mouseover" ? c = i.fromElement : l == "mouseout" && (c = i.toElement)), this.relatedTarget = c, f ? (this.clientX = f.clientX !== void 0 ? f.clientX : f.pageX, this.clientY = f.clientY !== void 0 ? f.clientY : f.pageY, this.screenX = f.screenX || 0, this.screenY = f.screenY || 0) : (this.clientX = i.clientX !== void 0 ? i.clientX : i.pageX, this.clientY = i.clientY !== void 0 ? i.clientY : i.pageY, this.screenX = i.screenX || 0, this.screenY = i.screenY || 0), this.button = i.button, this.key = i.key || "", this.ctrlKey = i.ctrlKey, this.altKey = i.altKey, this.shiftKey = i.shiftKey, this.metaKey = i.metaKey, this.pointerId = i.pointerId || 0, this.pointerType = i.pointerType, this.state = i.state, this.i = i, i.defaultPrevented && Re.Z.h.call(this);
  }, Re.prototype.h = function() {
    Re.Z.h.call(this);
    const i = this.i;
    i.preventDefault ? i.preventDefault() : i.returnValue = !1;
  };
  var At = "closure_listenable_" + (Math.random() * 1e6 | 0), Fh = 0;
  function Uh(i, c, l, f, w) {
    this.listener = i, this.proxy = null, this.src = c, this.type = l, this.capture = !!f, this.ha = w, this.key = ++Fh, this.da = this.fa = !1;
  }
  function Er(i) {
    i.da = !0, i.listener = null, i.proxy = null, i.src = null, i.ha = null;
  }
  function Ir(i, c, l) {
    for (const f in i) c.call(l, i[f], f, i);
  }
  function Bh(i, c) {
    for (const l in i) c.call(void 0, i[l], l, i);
  }
  function xo(i) {
    const c = {};
    for (const l in i) c[l] = i[l];
    return c;
  }
  const Fo = "constructor hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf".split(" ");
  function Uo(i, c) {
    let l, f;
    for (let w = 1; w < arguments.length; w++) {
      f = arguments[w];
      for (l in f) i[l] = f[l];
      for (let R = 0; R < Fo.length; R++) l = Fo[R], Object.prototype.hasOwnProperty.call(f, l) && (i[l] = f[l]);
    }
  }
  function Tr(i) {
    this.src = i, this.g = {}, this.h = 0;
  }
  Tr.prototype.add = function(i, c, l, f, w) {
    const R = i.toString();
    i = this.g[R], i || (i = this.g[R] = [], this.h++);
    const b = Ds(i, c, f, w);
    return b > -1 ? (c = i[b], l || (c.fa = !1)) : (c = new Uh(c, this.src, R, !!f, w), c.fa = l, i.push(c)), c;
  };
  function Ns(i, c) {
    const l = c.type;
    if (l in i.g) {
      var f = i.g[l], w = Array.prototype.indexOf.call(f, c, void 0), R;
      (R = w >= 0) && Array.prototype.splice.call(f, w, 1), R && (Er(c), i.g[l].length == 0 && (delete i.g[l], i.h--));
    }
  }
  function Ds(i, c, l, f) {
    for (let w = 0; w < i.length; ++w) {
      const R = i[w];
      if (!R.da && R.listener == c && R.capture == !!l && R.ha == f) return w;
    }
    return -1;
  }
  var Os = "closure_lm_" + (Math.random() * 1e6 | 0), Ls = {};
  function Bo(i, c, l, f, w) {
    if (Array.isArray(c)) {
      for (let R = 0; R < c.length; R++) Bo(i, c[R], l, f, w);
      return null;
    }
    return l = $o(l), i && i[At] ? i.J(c, l, u(f) ? !!f.capture : !1, w) : qh(i, c, l, !1, f, w);
  }
  function qh(i, c, l, f, w, R) {
    if (!c) throw Error("Invalid event type");
    const b = u(w) ? !!w.capture : !!w;
    let U = xs(i);
    if (U || (i[Os] = U = new Tr(i)), l = U.add(c, l, f, b, R), l.proxy) return l;
    if (f = jh(), l.proxy = f, f.src = i, f.listener = l, i.addEventListener) v || (w = b), w === void 0 && (w = !1), i.addEventListener(c.toString(), f, w);
    else if (i.attachEvent) i.attachEvent(jo(c.toString()), f);
    else if (i.addListener && i.removeListener) i.addListener(f);
    else throw Error("addEventListener and attachEvent are unavailable.");
    return l;
  }
  function jh() {
    function i(l) {
      return c.call(i.src, i.listener, l);
    }
    const c = $h;
    return i;
  }
  function qo(i, c, l, f, w) {
    if (Array.isArray(c)) for (var R = 0; R < c.length; R++) qo(i, c[R], l, f, w);
    else f = u(f) ? !!f.capture : !!f, l = $o(l), i && i[At] ? (i = i.i, R = String(c).toString(), R in i.g && (c = i.g[R], l = Ds(c, l, f, w), l > -1 && (Er(c[l]), Array.prototype.splice.call(c, l, 1), c.length == 0 && (delete i.g[R], i.h--)))) : i && (i = xs(i)) && (c = i.g[c.toString()], i = -1, c && (i = Ds(c, l, f, w)), (l = i > -1 ? c[i] : null) && Ms(l));
  }
  function Ms(i) {
    if (typeof i != "number" && i && !i.da) {
      var c = i.src;
      if (c && c[At]) Ns(c.i, i);
      else {
        var l = i.type, f = i.proxy;
        c.removeEventListener ? c.removeEventListener(l, f, i.capture) : c.detachEvent ? c.detachEvent(jo(l), f) : c.addListener && c.removeListener && c.removeListener(f), (l = xs(c)) ? (Ns(l, i), l.h == 0 && (l.src = null, c[Os] = null)) : Er(i);
      }
    }
  }
  function jo(i) {
    return i in Ls ? Ls[i] : Ls[i] = "on" + i;
  }
  function $h(i, c) {
    if (i.da) i = !0;
    else {
      c = new Re(c, this);
      const l = i.listener, f = i.ha || i.src;
      i.fa && Ms(i), i = l.call(f, c);
    }
    return i;
  }
  function xs(i) {
    return i = i[Os], i instanceof Tr ? i : null;
  }
  var Fs = "__closure_events_fn_" + (Math.random() * 1e9 >>> 0);
  function $o(i) {
    return typeof i == "function" ? i : (i[Fs] || (i[Fs] = function(c) {
      return i.handleEvent(c);
    }), i[Fs]);
  }
  function ge() {
    T.call(this), this.i = new Tr(this), this.M = this, this.G = null;
  }
  I(ge, T), ge.prototype[At] = !0, ge.prototype.removeEventListener = function(i, c, l, f) {
    qo(this, i, c, l, f);
  };
  function ve(i, c) {
    var l, f = i.G;
    if (f) for (l = []; f; f = f.G) l.push(f);
    if (i = i.M, f = c.type || c, typeof c == "string") c = new y(c, i);
    else if (c instanceof y) c.target = c.target || i;
    else {
      var w = c;
      c = new y(f, i), Uo(c, w);
    }
    w = !0;
    let R, b;
    if (l) for (b = l.length - 1; b >= 0; b--) R = c.g = l[b], w = wr(R, f, !0, c) && w;
    if (R = c.g = i, w = wr(R, f, !0, c) && w, w = wr(R, f, !1, c) && w, l) for (b = 0; b < l.length; b++) R = c.g = l[b], w = wr(R, f, !1, c) && w;
  }
  ge.prototype.N = function() {
    if (ge.Z.N.call(this), this.i) {
      var i = this.i;
      for (const c in i.g) {
        const l = i.g[c];
        for (let f = 0; f < l.length; f++) Er(l[f]);
        delete i.g[c], i.h--;
      }
    }
    this.G = null;
  }, ge.prototype.J = function(i, c, l, f) {
    return this.i.add(String(i), c, !1, l, f);
  }, ge.prototype.K = function(i, c, l, f) {
    return this.i.add(String(i), c, !0, l, f);
  };
  function wr(i, c, l, f) {
    if (c = i.i.g[String(c)], !c) return !0;
    c = c.concat();
    let w = !0;
    for (let R = 0; R < c.length; ++R) {
      const b = c[R];
      if (b && !b.da && b.capture == l) {
        const U = b.listener, ce = b.ha || b.src;
        b.fa && Ns(i.i, b), w = U.call(ce, f) !== !1 && w;
      }
    }
    return w && !f.defaultPrevented;
  }
  function Hh(i, c) {
    if (typeof i != "function") if (i && typeof i.handleEvent == "function") i = d(i.handleEvent, i);
    else throw Error("Invalid listener argument");
    return Number(c) > 2147483647 ? -1 : a.setTimeout(i, c || 0);
  }
  function Ho(i) {
    i.g = Hh(() => {
      i.g = null, i.i && (i.i = !1, Ho(i));
    }, i.l);
    const c = i.h;
    i.h = null, i.m.apply(null, c);
  }
  class zh extends T {
    constructor(c, l) {
      super(), this.m = c, this.l = l, this.h = null, this.i = !1, this.g = null;
    }
    j(c) {
      this.h = arguments, this.g ? this.i = !0 : Ho(this);
    }
    N() {
      super.N(), this.g && (a.clearTimeout(this.g), this.g = null, this.i = !1, this.h = null);
    }
  }
  function wn(i) {
    T.call(this), this.h = i, this.g = {};
  }
  I(wn, T);
  var zo = [];
  function Wo(i) {
    Ir(i.g, function(c, l) {
      this.g.hasOwnProperty(l) && Ms(c);
    }, i), i.g = {};
  }
  wn.prototype.N = function() {
    wn.Z.N.call(this), Wo(this);
  }, wn.prototype.handleEvent = function() {
    throw Error("EventHandler.handleEvent not implemented");
  };
  var Us = a.JSON.stringify, Wh = a.JSON.parse, Gh = class {
    stringify(i) {
      return a.JSON.stringify(i, void 0);
    }
    parse(i) {
      return a.JSON.parse(i, void 0);
    }
  };
  function Go() {
  }
  function Ko() {
  }
  var vn = { OPEN: "a", hb: "b", ERROR: "c", tb: "d" };
  function Bs() {
    y.call(this, "d");
  }
  I(Bs, y);
  function qs() {
    y.call(this, "c");
  }
  I(qs, y);
  var Rt = {}, Qo = null;
  function vr() {
    return Qo = Qo || new ge();
  }
  Rt.Ia = "serverreachability";
  function Jo(i) {
    y.call(this, Rt.Ia, i);
  }
  I(Jo, y);
  function An(i) {
    const c = vr();
    ve(c, new Jo(c));
  }
  Rt.STAT_EVENT = "statevent";
  function Yo(i, c) {
    y.call(this, Rt.STAT_EVENT, i), this.stat = c;
  }
  I(Yo, y);
  function Ae(i) {
    const c = vr();
    ve(c, new Yo(c, i));
  }
  Rt.Ja = "timingevent";
  function Xo(i, c) {
    y.call(this, Rt.Ja, i), this.size = c;
  }
  I(Xo, y);
  function Rn(i, c) {
    if (typeof i != "function") throw Error("Fn must not be null and must be a function");
    return a.setTimeout(function() {
      i();
    }, c);
  }
  function Sn() {
    this.g = !0;
  }
  Sn.prototype.ua = function() {
    this.g = !1;
  };
  function Kh(i, c, l, f, w, R) {
    i.info(function() {
      if (i.g) if (R) {
        var b = "", U = R.split("&");
        for (let W = 0; W < U.length; W++) {
          var ce = U[W].split("=");
          if (ce.length > 1) {
            const le = ce[0];
            ce = ce[1];
            const Ue = le.split("_");
            b = Ue.length >= 2 && Ue[1] == "type" ? b + (le + "=" + ce + "&") : b + (le + "=redacted&");
          }
        }
      } else b = null;
      else b = R;
      return "XMLHTTP REQ (" + f + ") [attempt " + w + "]: " + c + `
` + l + `
` + b;
    });
  }
  function Qh(i, c, l, f, w, R, b) {
    i.info(function() {
      return "XMLHTTP RESP (" + f + ") [ attempt " + w + "]: " + c + `
` + l + `
` + R + " " + b;
    });
  }
  function $t(i, c, l, f) {
    i.info(function() {
      return "XMLHTTP TEXT (" + c + "): " + Yh(i, l) + (f ? " " + f : "");
    });
  }
  function Jh(i, c) {
    i.info(function() {
      return "TIMEOUT: " + c;
    });
  }
  Sn.prototype.info = function() {
  };
  function Yh(i, c) {
    if (!i.g) return c;
    if (!c) return null;
    try {
      const R = JSON.parse(c);
      if (R) {
        for (i = 0; i < R.length; i++) if (Array.isArray(R[i])) {
          var l = R[i];
          if (!(l.length < 2)) {
            var f = l[1];
            if (Array.isArray(f) && !(f.length < 1)) {
              var w = f[0];
              if (w != "noop" && w != "stop" && w != "close") for (let b = 1; b < f.length; b++) f[b] = "";
            }
          }
        }
      }
      return Us(R);
    } catch {
      return c;
    }
  }
  var Ar = { NO_ERROR: 0, cb: 1, qb: 2, pb: 3, kb: 4, ob: 5, rb: 6, Ga: 7, TIMEOUT: 8, ub: 9 }, Zo = { ib: "complete", Fb: "success", ERROR: "error", Ga: "abort", xb: "ready", yb: "readystatechange", TIMEOUT: "timeout", sb: "incrementaldata", wb: "progress", lb: "downloadprogress", Nb: "uploadprogress" }, ea;
  function js() {
  }
  I(js, Go), js.prototype.g = function() {
    return new XMLHttpRequest();
  }, ea = new js();
  function Pn(i) {
    return encodeURIComponent(String(i));
  }
  function Xh(i) {
    var c = 1;
    i = i.split(":");
    const l = [];
    for (; c > 0 && i.length; ) l.push(i.shift()), c--;
    return i.length && l.push(i.join(":")), l;
  }
  function Xe(i, c, l, f) {
    this.j = i, this.i = c, this.l = l, this.S = f || 1, this.V = new wn(this), this.H = 45e3, this.J = null, this.o = !1, this.u = this.B = this.A = this.M = this.F = this.T = this.D = null, this.G = [], this.g = null, this.C = 0, this.m = this.v = null, this.X = -1, this.K = !1, this.P = 0, this.O = null, this.W = this.L = this.U = this.R = !1, this.h = new ta();
  }
  function ta() {
    this.i = null, this.g = "", this.h = !1;
  }
  var na = {}, $s = {};
  function Hs(i, c, l) {
    i.M = 1, i.A = Sr(Fe(c)), i.u = l, i.R = !0, ra(i, null);
  }
  function ra(i, c) {
    i.F = Date.now(), Rr(i), i.B = Fe(i.A);
    var l = i.B, f = i.S;
    Array.isArray(f) || (f = [String(f)]), ga(l.i, "t", f), i.C = 0, l = i.j.L, i.h = new ta(), i.g = Oa(i.j, l ? c : null, !i.u), i.P > 0 && (i.O = new zh(d(i.Y, i, i.g), i.P)), c = i.V, l = i.g, f = i.ba;
    var w = "readystatechange";
    Array.isArray(w) || (w && (zo[0] = w.toString()), w = zo);
    for (let R = 0; R < w.length; R++) {
      const b = Bo(l, w[R], f || c.handleEvent, !1, c.h || c);
      if (!b) break;
      c.g[b.key] = b;
    }
    c = i.J ? xo(i.J) : {}, i.u ? (i.v || (i.v = "POST"), c["Content-Type"] = "application/x-www-form-urlencoded", i.g.ea(
      i.B,
      i.v,
      i.u,
      c
    )) : (i.v = "GET", i.g.ea(i.B, i.v, null, c)), An(), Kh(i.i, i.v, i.B, i.l, i.S, i.u);
  }
  Xe.prototype.ba = function(i) {
    i = i.target;
    const c = this.O;
    c && tt(i) == 3 ? c.j() : this.Y(i);
  }, Xe.prototype.Y = function(i) {
    try {
      if (i == this.g) e: {
        const U = tt(this.g), ce = this.g.ya(), W = this.g.ca();
        if (!(U < 3) && (U != 3 || this.g && (this.h.h || this.g.la() || va(this.g)))) {
          this.K || U != 4 || ce == 7 || (ce == 8 || W <= 0 ? An(3) : An(2)), zs(this);
          var c = this.g.ca();
          this.X = c;
          var l = Zh(this);
          if (this.o = c == 200, Qh(this.i, this.v, this.B, this.l, this.S, U, c), this.o) {
            if (this.U && !this.L) {
              t: {
                if (this.g) {
                  var f, w = this.g;
                  if ((f = w.g ? w.g.getResponseHeader("X-HTTP-Initial-Response") : null) && !g(f)) {
                    var R = f;
                    break t;
                  }
                }
                R = null;
              }
              if (i = R) $t(this.i, this.l, i, "Initial handshake response via X-HTTP-Initial-Response"), this.L = !0, Ws(this, i);
              else {
                this.o = !1, this.m = 3, Ae(12), St(this), Cn(this);
                break e;
              }
            }
            if (this.R) {
              i = !0;
              let le;
              for (; !this.K && this.C < l.length; ) if (le = ed(this, l), le == $s) {
                U == 4 && (this.m = 4, Ae(14), i = !1), $t(this.i, this.l, null, "[Incomplete Response]");
                break;
              } else if (le == na) {
                this.m = 4, Ae(15), $t(this.i, this.l, l, "[Invalid Chunk]"), i = !1;
                break;
              } else $t(this.i, this.l, le, null), Ws(this, le);
              if (sa(this) && this.C != 0 && (this.h.g = this.h.g.slice(this.C), this.C = 0), U != 4 || l.length != 0 || this.h.h || (this.m = 1, Ae(16), i = !1), this.o = this.o && i, !i) $t(
                this.i,
                this.l,
                l,
                "[Invalid Chunked Response]"
              ), St(this), Cn(this);
              else if (l.length > 0 && !this.W) {
                this.W = !0;
                var b = this.j;
                b.g == this && b.aa && !b.P && (b.j.info("Great, no buffering proxy detected. Bytes received: " + l.length), ei(b), b.P = !0, Ae(11));
              }
            } else $t(this.i, this.l, l, null), Ws(this, l);
            U == 4 && St(this), this.o && !this.K && (U == 4 ? ka(this.j, this) : (this.o = !1, Rr(this)));
          } else pd(this.g), c == 400 && l.indexOf("Unknown SID") > 0 ? (this.m = 3, Ae(12)) : (this.m = 0, Ae(13)), St(this), Cn(this);
        }
      }
    } catch {
    }
  };
  function Zh(i) {
    if (!sa(i)) return i.g.la();
    const c = va(i.g);
    if (c === "") return "";
    let l = "";
    const f = c.length, w = tt(i.g) == 4;
    if (!i.h.i) {
      if (typeof TextDecoder > "u") return St(i), Cn(i), "";
      i.h.i = new a.TextDecoder();
    }
    for (let R = 0; R < f; R++) i.h.h = !0, l += i.h.i.decode(c[R], { stream: !(w && R == f - 1) });
    return c.length = 0, i.h.g += l, i.C = 0, i.h.g;
  }
  function sa(i) {
    return i.g ? i.v == "GET" && i.M != 2 && i.j.Aa : !1;
  }
  function ed(i, c) {
    var l = i.C, f = c.indexOf(`
`, l);
    return f == -1 ? $s : (l = Number(c.substring(l, f)), isNaN(l) ? na : (f += 1, f + l > c.length ? $s : (c = c.slice(f, f + l), i.C = f + l, c)));
  }
  Xe.prototype.cancel = function() {
    this.K = !0, St(this);
  };
  function Rr(i) {
    i.T = Date.now() + i.H, ia(i, i.H);
  }
  function ia(i, c) {
    if (i.D != null) throw Error("WatchDog timer not null");
    i.D = Rn(d(i.aa, i), c);
  }
  function zs(i) {
    i.D && (a.clearTimeout(i.D), i.D = null);
  }
  Xe.prototype.aa = function() {
    this.D = null;
    const i = Date.now();
    i - this.T >= 0 ? (Jh(this.i, this.B), this.M != 2 && (An(), Ae(17)), St(this), this.m = 2, Cn(this)) : ia(this, this.T - i);
  };
  function Cn(i) {
    i.j.I == 0 || i.K || ka(i.j, i);
  }
  function St(i) {
    zs(i);
    var c = i.O;
    c && typeof c.dispose == "function" && c.dispose(), i.O = null, Wo(i.V), i.g && (c = i.g, i.g = null, c.abort(), c.dispose());
  }
  function Ws(i, c) {
    try {
      var l = i.j;
      if (l.I != 0 && (l.g == i || Gs(l.h, i))) {
        if (!i.L && Gs(l.h, i) && l.I == 3) {
          try {
            var f = l.Ba.g.parse(c);
          } catch {
            f = null;
          }
          if (Array.isArray(f) && f.length == 3) {
            var w = f;
            if (w[0] == 0) {
              e:
                if (!l.v) {
                  if (l.g) if (l.g.F + 3e3 < i.F) Vr(l), br(l);
                  else break e;
                  Zs(l), Ae(18);
                }
            } else l.xa = w[1], 0 < l.xa - l.K && w[2] < 37500 && l.F && l.A == 0 && !l.C && (l.C = Rn(d(l.Va, l), 6e3));
            ca(l.h) <= 1 && l.ta && (l.ta = void 0);
          } else Ct(l, 11);
        } else if ((i.L || l.g == i) && Vr(l), !g(c)) for (w = l.Ba.g.parse(c), c = 0; c < w.length; c++) {
          let W = w[c];
          const le = W[0];
          if (!(le <= l.K)) if (l.K = le, W = W[1], l.I == 2) if (W[0] == "c") {
            l.M = W[1], l.ba = W[2];
            const Ue = W[3];
            Ue != null && (l.ka = Ue, l.j.info("VER=" + l.ka));
            const bt = W[4];
            bt != null && (l.za = bt, l.j.info("SVER=" + l.za));
            const nt = W[5];
            nt != null && typeof nt == "number" && nt > 0 && (f = 1.5 * nt, l.O = f, l.j.info("backChannelRequestTimeoutMs_=" + f)), f = l;
            const rt = i.g;
            if (rt) {
              const Dr = rt.g ? rt.g.getResponseHeader("X-Client-Wire-Protocol") : null;
              if (Dr) {
                var R = f.h;
                R.g || Dr.indexOf("spdy") == -1 && Dr.indexOf("quic") == -1 && Dr.indexOf("h2") == -1 || (R.j = R.l, R.g = /* @__PURE__ */ new Set(), R.h && (Ks(R, R.h), R.h = null));
              }
              if (f.G) {
                const ti = rt.g ? rt.g.getResponseHeader("X-HTTP-Session-Id") : null;
                ti && (f.wa = ti, Q(f.J, f.G, ti));
              }
            }
            l.I = 3, l.l && l.l.ra(), l.aa && (l.T = Date.now() - i.F, l.j.info("Handshake RTT: " + l.T + "ms")), f = l;
            var b = i;
            if (f.na = Da(f, f.L ? f.ba : null, f.W), b.L) {
              ua(f.h, b);
              var U = b, ce = f.O;
              ce && (U.H = ce), U.D && (zs(U), Rr(U)), f.g = b;
            } else Ca(f);
            l.i.length > 0 && kr(l);
          } else W[0] != "stop" && W[0] != "close" || Ct(l, 7);
          else l.I == 3 && (W[0] == "stop" || W[0] == "close" ? W[0] == "stop" ? Ct(l, 7) : Xs(l) : W[0] != "noop" && l.l && l.l.qa(W), l.A = 0);
        }
      }
      An(4);
    } catch {
    }
  }
  var td = class {
    constructor(i, c) {
      this.g = i, this.map = c;
    }
  };
  function oa(i) {
    this.l = i || 10, a.PerformanceNavigationTiming ? (i = a.performance.getEntriesByType("navigation"), i = i.length > 0 && (i[0].nextHopProtocol == "hq" || i[0].nextHopProtocol == "h2")) : i = !!(a.chrome && a.chrome.loadTimes && a.chrome.loadTimes() && a.chrome.loadTimes().wasFetchedViaSpdy), this.j = i ? this.l : 1, this.g = null, this.j > 1 && (this.g = /* @__PURE__ */ new Set()), this.h = null, this.i = [];
  }
  function aa(i) {
    return i.h ? !0 : i.g ? i.g.size >= i.j : !1;
  }
  function ca(i) {
    return i.h ? 1 : i.g ? i.g.size : 0;
  }
  function Gs(i, c) {
    return i.h ? i.h == c : i.g ? i.g.has(c) : !1;
  }
  function Ks(i, c) {
    i.g ? i.g.add(c) : i.h = c;
  }
  function ua(i, c) {
    i.h && i.h == c ? i.h = null : i.g && i.g.has(c) && i.g.delete(c);
  }
  oa.prototype.cancel = function() {
    if (this.i = la(this), this.h) this.h.cancel(), this.h = null;
    else if (this.g && this.g.size !== 0) {
      for (const i of this.g.values()) i.cancel();
      this.g.clear();
    }
  };
  function la(i) {
    if (i.h != null) return i.i.concat(i.h.G);
    if (i.g != null && i.g.size !== 0) {
      let c = i.i;
      for (const l of i.g.values()) c = c.concat(l.G);
      return c;
    }
    return C(i.i);
  }
  var ha = RegExp("^(?:([^:/?#.]+):)?(?://(?:([^\\\\/?#]*)@)?([^\\\\/?#]*?)(?::([0-9]+))?(?=[\\\\/?#]|$))?([^?#]+)?(?:\\?([^#]*))?(?:#([\\s\\S]*))?$");
  function nd(i, c) {
    if (i) {
      i = i.split("&");
      for (let l = 0; l < i.length; l++) {
        const f = i[l].indexOf("=");
        let w, R = null;
        f >= 0 ? (w = i[l].substring(0, f), R = i[l].substring(f + 1)) : w = i[l], c(w, R ? decodeURIComponent(R.replace(/\+/g, " ")) : "");
      }
    }
  }
  function Ze(i) {
    this.g = this.o = this.j = "", this.u = null, this.m = this.h = "", this.l = !1;
    let c;
    i instanceof Ze ? (this.l = i.l, bn(this, i.j), this.o = i.o, this.g = i.g, kn(this, i.u), this.h = i.h, Qs(this, _a(i.i)), this.m = i.m) : i && (c = String(i).match(ha)) ? (this.l = !1, bn(this, c[1] || "", !0), this.o = Vn(c[2] || ""), this.g = Vn(c[3] || "", !0), kn(this, c[4]), this.h = Vn(c[5] || "", !0), Qs(this, c[6] || "", !0), this.m = Vn(c[7] || "")) : (this.l = !1, this.i = new Dn(null, this.l));
  }
  Ze.prototype.toString = function() {
    const i = [];
    var c = this.j;
    c && i.push(Nn(c, da, !0), ":");
    var l = this.g;
    return (l || c == "file") && (i.push("//"), (c = this.o) && i.push(Nn(c, da, !0), "@"), i.push(Pn(l).replace(/%25([0-9a-fA-F]{2})/g, "%$1")), l = this.u, l != null && i.push(":", String(l))), (l = this.h) && (this.g && l.charAt(0) != "/" && i.push("/"), i.push(Nn(l, l.charAt(0) == "/" ? id : sd, !0))), (l = this.i.toString()) && i.push("?", l), (l = this.m) && i.push("#", Nn(l, ad)), i.join("");
  }, Ze.prototype.resolve = function(i) {
    const c = Fe(this);
    let l = !!i.j;
    l ? bn(c, i.j) : l = !!i.o, l ? c.o = i.o : l = !!i.g, l ? c.g = i.g : l = i.u != null;
    var f = i.h;
    if (l) kn(c, i.u);
    else if (l = !!i.h) {
      if (f.charAt(0) != "/") if (this.g && !this.h) f = "/" + f;
      else {
        var w = c.h.lastIndexOf("/");
        w != -1 && (f = c.h.slice(0, w + 1) + f);
      }
      if (w = f, w == ".." || w == ".") f = "";
      else if (w.indexOf("./") != -1 || w.indexOf("/.") != -1) {
        f = w.lastIndexOf("/", 0) == 0, w = w.split("/");
        const R = [];
        for (let b = 0; b < w.length; ) {
          const U = w[b++];
          U == "." ? f && b == w.length && R.push("") : U == ".." ? ((R.length > 1 || R.length == 1 && R[0] != "") && R.pop(), f && b == w.length && R.push("")) : (R.push(U), f = !0);
        }
        f = R.join("/");
      } else f = w;
    }
    return l ? c.h = f : l = i.i.toString() !== "", l ? Qs(c, _a(i.i)) : l = !!i.m, l && (c.m = i.m), c;
  };
  function Fe(i) {
    return new Ze(i);
  }
  function bn(i, c, l) {
    i.j = l ? Vn(c, !0) : c, i.j && (i.j = i.j.replace(/:$/, ""));
  }
  function kn(i, c) {
    if (c) {
      if (c = Number(c), isNaN(c) || c < 0) throw Error("Bad port number " + c);
      i.u = c;
    } else i.u = null;
  }
  function Qs(i, c, l) {
    c instanceof Dn ? (i.i = c, cd(i.i, i.l)) : (l || (c = Nn(c, od)), i.i = new Dn(c, i.l));
  }
  function Q(i, c, l) {
    i.i.set(c, l);
  }
  function Sr(i) {
    return Q(i, "zx", Math.floor(Math.random() * 2147483648).toString(36) + Math.abs(Math.floor(Math.random() * 2147483648) ^ Date.now()).toString(36)), i;
  }
  function Vn(i, c) {
    return i ? c ? decodeURI(i.replace(/%25/g, "%2525")) : decodeURIComponent(i) : "";
  }
  function Nn(i, c, l) {
    return typeof i == "string" ? (i = encodeURI(i).replace(c, rd), l && (i = i.replace(/%25([0-9a-fA-F]{2})/g, "%$1")), i) : null;
  }
  function rd(i) {
    return i = i.charCodeAt(0), "%" + (i >> 4 & 15).toString(16) + (i & 15).toString(16);
  }
  var da = /[#\/\?@]/g, sd = /[#\?:]/g, id = /[#\?]/g, od = /[#\?@]/g, ad = /#/g;
  function Dn(i, c) {
    this.h = this.g = null, this.i = i || null, this.j = !!c;
  }
  function Pt(i) {
    i.g || (i.g = /* @__PURE__ */ new Map(), i.h = 0, i.i && nd(i.i, function(c, l) {
      i.add(decodeURIComponent(c.replace(/\+/g, " ")), l);
    }));
  }
  n = Dn.prototype, n.add = function(i, c) {
    Pt(this), this.i = null, i = Ht(this, i);
    let l = this.g.get(i);
    return l || this.g.set(i, l = []), l.push(c), this.h += 1, this;
  };
  function fa(i, c) {
    Pt(i), c = Ht(i, c), i.g.has(c) && (i.i = null, i.h -= i.g.get(c).length, i.g.delete(c));
  }
  function pa(i, c) {
    return Pt(i), c = Ht(i, c), i.g.has(c);
  }
  n.forEach = function(i, c) {
    Pt(this), this.g.forEach(function(l, f) {
      l.forEach(function(w) {
        i.call(c, w, f, this);
      }, this);
    }, this);
  };
  function ma(i, c) {
    Pt(i);
    let l = [];
    if (typeof c == "string") pa(i, c) && (l = l.concat(i.g.get(Ht(i, c))));
    else for (i = Array.from(i.g.values()), c = 0; c < i.length; c++) l = l.concat(i[c]);
    return l;
  }
  n.set = function(i, c) {
    return Pt(this), this.i = null, i = Ht(this, i), pa(this, i) && (this.h -= this.g.get(i).length), this.g.set(i, [c]), this.h += 1, this;
  }, n.get = function(i, c) {
    return i ? (i = ma(this, i), i.length > 0 ? String(i[0]) : c) : c;
  };
  function ga(i, c, l) {
    fa(i, c), l.length > 0 && (i.i = null, i.g.set(Ht(i, c), C(l)), i.h += l.length);
  }
  n.toString = function() {
    if (this.i) return this.i;
    if (!this.g) return "";
    const i = [], c = Array.from(this.g.keys());
    for (let f = 0; f < c.length; f++) {
      var l = c[f];
      const w = Pn(l);
      l = ma(this, l);
      for (let R = 0; R < l.length; R++) {
        let b = w;
        l[R] !== "" && (b += "=" + Pn(l[R])), i.push(b);
      }
    }
    return this.i = i.join("&");
  };
  function _a(i) {
    const c = new Dn();
    return c.i = i.i, i.g && (c.g = new Map(i.g), c.h = i.h), c;
  }
  function Ht(i, c) {
    return c = String(c), i.j && (c = c.toLowerCase()), c;
  }
  function cd(i, c) {
    c && !i.j && (Pt(i), i.i = null, i.g.forEach(function(l, f) {
      const w = f.toLowerCase();
      f != w && (fa(this, f), ga(this, w, l));
    }, i)), i.j = c;
  }
  function ud(i, c) {
    const l = new Sn();
    if (a.Image) {
      const f = new Image();
      f.onload = p(et, l, "TestLoadImage: loaded", !0, c, f), f.onerror = p(et, l, "TestLoadImage: error", !1, c, f), f.onabort = p(et, l, "TestLoadImage: abort", !1, c, f), f.ontimeout = p(et, l, "TestLoadImage: timeout", !1, c, f), a.setTimeout(function() {
        f.ontimeout && f.ontimeout();
      }, 1e4), f.src = i;
    } else c(!1);
  }
  function ld(i, c) {
    const l = new Sn(), f = new AbortController(), w = setTimeout(() => {
      f.abort(), et(l, "TestPingServer: timeout", !1, c);
    }, 1e4);
    fetch(i, { signal: f.signal }).then((R) => {
      clearTimeout(w), R.ok ? et(l, "TestPingServer: ok", !0, c) : et(l, "TestPingServer: server error", !1, c);
    }).catch(() => {
      clearTimeout(w), et(l, "TestPingServer: error", !1, c);
    });
  }
  function et(i, c, l, f, w) {
    try {
      w && (w.onload = null, w.onerror = null, w.onabort = null, w.ontimeout = null), f(l);
    } catch {
    }
  }
  function hd() {
    this.g = new Gh();
  }
  function Js(i) {
    this.i = i.Sb || null, this.h = i.ab || !1;
  }
  I(Js, Go), Js.prototype.g = function() {
    return new Pr(this.i, this.h);
  };
  function Pr(i, c) {
    ge.call(this), this.H = i, this.o = c, this.m = void 0, this.status = this.readyState = 0, this.responseType = this.responseText = this.response = this.statusText = "", this.onreadystatechange = null, this.A = new Headers(), this.h = null, this.F = "GET", this.D = "", this.g = !1, this.B = this.j = this.l = null, this.v = new AbortController();
  }
  I(Pr, ge), n = Pr.prototype, n.open = function(i, c) {
    if (this.readyState != 0) throw this.abort(), Error("Error reopening a connection");
    this.F = i, this.D = c, this.readyState = 1, Ln(this);
  }, n.send = function(i) {
    if (this.readyState != 1) throw this.abort(), Error("need to call open() first. ");
    if (this.v.signal.aborted) throw this.abort(), Error("Request was aborted.");
    this.g = !0;
    const c = { headers: this.A, method: this.F, credentials: this.m, cache: void 0, signal: this.v.signal };
    i && (c.body = i), (this.H || a).fetch(new Request(this.D, c)).then(this.Pa.bind(this), this.ga.bind(this));
  }, n.abort = function() {
    this.response = this.responseText = "", this.A = new Headers(), this.status = 0, this.v.abort(), this.j && this.j.cancel("Request was aborted.").catch(() => {
    }), this.readyState >= 1 && this.g && this.readyState != 4 && (this.g = !1, On(this)), this.readyState = 0;
  }, n.Pa = function(i) {
    if (this.g && (this.l = i, this.h || (this.status = this.l.status, this.statusText = this.l.statusText, this.h = i.headers, this.readyState = 2, Ln(this)), this.g && (this.readyState = 3, Ln(this), this.g))) if (this.responseType === "arraybuffer") i.arrayBuffer().then(this.Na.bind(this), this.ga.bind(this));
    else if (typeof a.ReadableStream < "u" && "body" in i) {
      if (this.j = i.body.getReader(), this.o) {
        if (this.responseType) throw Error('responseType must be empty for "streamBinaryChunks" mode responses.');
        this.response = [];
      } else this.response = this.responseText = "", this.B = new TextDecoder();
      ya(this);
    } else i.text().then(this.Oa.bind(this), this.ga.bind(this));
  };
  function ya(i) {
    i.j.read().then(i.Ma.bind(i)).catch(i.ga.bind(i));
  }
  n.Ma = function(i) {
    if (this.g) {
      if (this.o && i.value) this.response.push(i.value);
      else if (!this.o) {
        var c = i.value ? i.value : new Uint8Array(0);
        (c = this.B.decode(c, { stream: !i.done })) && (this.response = this.responseText += c);
      }
      i.done ? On(this) : Ln(this), this.readyState == 3 && ya(this);
    }
  }, n.Oa = function(i) {
    this.g && (this.response = this.responseText = i, On(this));
  }, n.Na = function(i) {
    this.g && (this.response = i, On(this));
  }, n.ga = function() {
    this.g && On(this);
  };
  function On(i) {
    i.readyState = 4, i.l = null, i.j = null, i.B = null, Ln(i);
  }
  n.setRequestHeader = function(i, c) {
    this.A.append(i, c);
  }, n.getResponseHeader = function(i) {
    return this.h && this.h.get(i.toLowerCase()) || "";
  }, n.getAllResponseHeaders = function() {
    if (!this.h) return "";
    const i = [], c = this.h.entries();
    for (var l = c.next(); !l.done; ) l = l.value, i.push(l[0] + ": " + l[1]), l = c.next();
    return i.join(`\r
`);
  };
  function Ln(i) {
    i.onreadystatechange && i.onreadystatechange.call(i);
  }
  Object.defineProperty(Pr.prototype, "withCredentials", { get: function() {
    return this.m === "include";
  }, set: function(i) {
    this.m = i ? "include" : "same-origin";
  } });
  function Ea(i) {
    let c = "";
    return Ir(i, function(l, f) {
      c += f, c += ":", c += l, c += `\r
`;
    }), c;
  }
  function Ys(i, c, l) {
    e: {
      for (f in l) {
        var f = !1;
        break e;
      }
      f = !0;
    }
    f || (l = Ea(l), typeof i == "string" ? l != null && Pn(l) : Q(i, c, l));
  }
  function Z(i) {
    ge.call(this), this.headers = /* @__PURE__ */ new Map(), this.L = i || null, this.h = !1, this.g = null, this.D = "", this.o = 0, this.l = "", this.j = this.B = this.v = this.A = !1, this.m = null, this.F = "", this.H = !1;
  }
  I(Z, ge);
  var dd = /^https?$/i, fd = ["POST", "PUT"];
  n = Z.prototype, n.Fa = function(i) {
    this.H = i;
  }, n.ea = function(i, c, l, f) {
    if (this.g) throw Error("[goog.net.XhrIo] Object is active with another request=" + this.D + "; newUri=" + i);
    c = c ? c.toUpperCase() : "GET", this.D = i, this.l = "", this.o = 0, this.A = !1, this.h = !0, this.g = this.L ? this.L.g() : ea.g(), this.g.onreadystatechange = A(d(this.Ca, this));
    try {
      this.B = !0, this.g.open(c, String(i), !0), this.B = !1;
    } catch (R) {
      Ia(this, R);
      return;
    }
    if (i = l || "", l = new Map(this.headers), f) if (Object.getPrototypeOf(f) === Object.prototype) for (var w in f) l.set(w, f[w]);
    else if (typeof f.keys == "function" && typeof f.get == "function") for (const R of f.keys()) l.set(R, f.get(R));
    else throw Error("Unknown input type for opt_headers: " + String(f));
    f = Array.from(l.keys()).find((R) => R.toLowerCase() == "content-type"), w = a.FormData && i instanceof a.FormData, !(Array.prototype.indexOf.call(fd, c, void 0) >= 0) || f || w || l.set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8");
    for (const [R, b] of l) this.g.setRequestHeader(R, b);
    this.F && (this.g.responseType = this.F), "withCredentials" in this.g && this.g.withCredentials !== this.H && (this.g.withCredentials = this.H);
    try {
      this.m && (clearTimeout(this.m), this.m = null), this.v = !0, this.g.send(i), this.v = !1;
    } catch (R) {
      Ia(this, R);
    }
  };
  function Ia(i, c) {
    i.h = !1, i.g && (i.j = !0, i.g.abort(), i.j = !1), i.l = c, i.o = 5, Ta(i), Cr(i);
  }
  function Ta(i) {
    i.A || (i.A = !0, ve(i, "complete"), ve(i, "error"));
  }
  n.abort = function(i) {
    this.g && this.h && (this.h = !1, this.j = !0, this.g.abort(), this.j = !1, this.o = i || 7, ve(this, "complete"), ve(this, "abort"), Cr(this));
  }, n.N = function() {
    this.g && (this.h && (this.h = !1, this.j = !0, this.g.abort(), this.j = !1), Cr(this, !0)), Z.Z.N.call(this);
  }, n.Ca = function() {
    this.u || (this.B || this.v || this.j ? wa(this) : this.Xa());
  }, n.Xa = function() {
    wa(this);
  };
  function wa(i) {
    if (i.h && typeof o < "u") {
      if (i.v && tt(i) == 4) setTimeout(i.Ca.bind(i), 0);
      else if (ve(i, "readystatechange"), tt(i) == 4) {
        i.h = !1;
        try {
          const R = i.ca();
          e: switch (R) {
            case 200:
            case 201:
            case 202:
            case 204:
            case 206:
            case 304:
            case 1223:
              var c = !0;
              break e;
            default:
              c = !1;
          }
          var l;
          if (!(l = c)) {
            var f;
            if (f = R === 0) {
              let b = String(i.D).match(ha)[1] || null;
              !b && a.self && a.self.location && (b = a.self.location.protocol.slice(0, -1)), f = !dd.test(b ? b.toLowerCase() : "");
            }
            l = f;
          }
          if (l) ve(i, "complete"), ve(i, "success");
          else {
            i.o = 6;
            try {
              var w = tt(i) > 2 ? i.g.statusText : "";
            } catch {
              w = "";
            }
            i.l = w + " [" + i.ca() + "]", Ta(i);
          }
        } finally {
          Cr(i);
        }
      }
    }
  }
  function Cr(i, c) {
    if (i.g) {
      i.m && (clearTimeout(i.m), i.m = null);
      const l = i.g;
      i.g = null, c || ve(i, "ready");
      try {
        l.onreadystatechange = null;
      } catch {
      }
    }
  }
  n.isActive = function() {
    return !!this.g;
  };
  function tt(i) {
    return i.g ? i.g.readyState : 0;
  }
  n.ca = function() {
    try {
      return tt(this) > 2 ? this.g.status : -1;
    } catch {
      return -1;
    }
  }, n.la = function() {
    try {
      return this.g ? this.g.responseText : "";
    } catch {
      return "";
    }
  }, n.La = function(i) {
    if (this.g) {
      var c = this.g.responseText;
      return i && c.indexOf(i) == 0 && (c = c.substring(i.length)), Wh(c);
    }
  };
  function va(i) {
    try {
      if (!i.g) return null;
      if ("response" in i.g) return i.g.response;
      switch (i.F) {
        case "":
        case "text":
          return i.g.responseText;
        case "arraybuffer":
          if ("mozResponseArrayBuffer" in i.g) return i.g.mozResponseArrayBuffer;
      }
      return null;
    } catch {
      return null;
    }
  }
  function pd(i) {
    const c = {};
    i = (i.g && tt(i) >= 2 && i.g.getAllResponseHeaders() || "").split(`\r
`);
    for (let f = 0; f < i.length; f++) {
      if (g(i[f])) continue;
      var l = Xh(i[f]);
      const w = l[0];
      if (l = l[1], typeof l != "string") continue;
      l = l.trim();
      const R = c[w] || [];
      c[w] = R, R.push(l);
    }
    Bh(c, function(f) {
      return f.join(", ");
    });
  }
  n.ya = function() {
    return this.o;
  }, n.Ha = function() {
    return typeof this.l == "string" ? this.l : String(this.l);
  };
  function Mn(i, c, l) {
    return l && l.internalChannelParams && l.internalChannelParams[i] || c;
  }
  function Aa(i) {
    this.za = 0, this.i = [], this.j = new Sn(), this.ba = this.na = this.J = this.W = this.g = this.wa = this.G = this.H = this.u = this.U = this.o = null, this.Ya = this.V = 0, this.Sa = Mn("failFast", !1, i), this.F = this.C = this.v = this.m = this.l = null, this.X = !0, this.xa = this.K = -1, this.Y = this.A = this.D = 0, this.Qa = Mn("baseRetryDelayMs", 5e3, i), this.Za = Mn("retryDelaySeedMs", 1e4, i), this.Ta = Mn("forwardChannelMaxRetries", 2, i), this.va = Mn("forwardChannelRequestTimeoutMs", 2e4, i), this.ma = i && i.xmlHttpFactory || void 0, this.Ua = i && i.Rb || void 0, this.Aa = i && i.useFetchStreams || !1, this.O = void 0, this.L = i && i.supportsCrossDomainXhr || !1, this.M = "", this.h = new oa(i && i.concurrentRequestLimit), this.Ba = new hd(), this.S = i && i.fastHandshake || !1, this.R = i && i.encodeInitMessageHeaders || !1, this.S && this.R && (this.R = !1), this.Ra = i && i.Pb || !1, i && i.ua && this.j.ua(), i && i.forceLongPolling && (this.X = !1), this.aa = !this.S && this.X && i && i.detectBufferingProxy || !1, this.ia = void 0, i && i.longPollingTimeout && i.longPollingTimeout > 0 && (this.ia = i.longPollingTimeout), this.ta = void 0, this.T = 0, this.P = !1, this.ja = this.B = null;
  }
  n = Aa.prototype, n.ka = 8, n.I = 1, n.connect = function(i, c, l, f) {
    Ae(0), this.W = i, this.H = c || {}, l && f !== void 0 && (this.H.OSID = l, this.H.OAID = f), this.F = this.X, this.J = Da(this, null, this.W), kr(this);
  };
  function Xs(i) {
    if (Ra(i), i.I == 3) {
      var c = i.V++, l = Fe(i.J);
      if (Q(l, "SID", i.M), Q(l, "RID", c), Q(l, "TYPE", "terminate"), xn(i, l), c = new Xe(i, i.j, c), c.M = 2, c.A = Sr(Fe(l)), l = !1, a.navigator && a.navigator.sendBeacon) try {
        l = a.navigator.sendBeacon(c.A.toString(), "");
      } catch {
      }
      !l && a.Image && (new Image().src = c.A, l = !0), l || (c.g = Oa(c.j, null), c.g.ea(c.A)), c.F = Date.now(), Rr(c);
    }
    Na(i);
  }
  function br(i) {
    i.g && (ei(i), i.g.cancel(), i.g = null);
  }
  function Ra(i) {
    br(i), i.v && (a.clearTimeout(i.v), i.v = null), Vr(i), i.h.cancel(), i.m && (typeof i.m == "number" && a.clearTimeout(i.m), i.m = null);
  }
  function kr(i) {
    if (!aa(i.h) && !i.m) {
      i.m = !0;
      var c = i.Ea;
      Oe || m(), de || (Oe(), de = !0), E.add(c, i), i.D = 0;
    }
  }
  function md(i, c) {
    return ca(i.h) >= i.h.j - (i.m ? 1 : 0) ? !1 : i.m ? (i.i = c.G.concat(i.i), !0) : i.I == 1 || i.I == 2 || i.D >= (i.Sa ? 0 : i.Ta) ? !1 : (i.m = Rn(d(i.Ea, i, c), Va(i, i.D)), i.D++, !0);
  }
  n.Ea = function(i) {
    if (this.m) if (this.m = null, this.I == 1) {
      if (!i) {
        this.V = Math.floor(Math.random() * 1e5), i = this.V++;
        const w = new Xe(this, this.j, i);
        let R = this.o;
        if (this.U && (R ? (R = xo(R), Uo(R, this.U)) : R = this.U), this.u !== null || this.R || (w.J = R, R = null), this.S) e: {
          for (var c = 0, l = 0; l < this.i.length; l++) {
            t: {
              var f = this.i[l];
              if ("__data__" in f.map && (f = f.map.__data__, typeof f == "string")) {
                f = f.length;
                break t;
              }
              f = void 0;
            }
            if (f === void 0) break;
            if (c += f, c > 4096) {
              c = l;
              break e;
            }
            if (c === 4096 || l === this.i.length - 1) {
              c = l + 1;
              break e;
            }
          }
          c = 1e3;
        }
        else c = 1e3;
        c = Pa(this, w, c), l = Fe(this.J), Q(l, "RID", i), Q(l, "CVER", 22), this.G && Q(l, "X-HTTP-Session-Id", this.G), xn(this, l), R && (this.R ? c = "headers=" + Pn(Ea(R)) + "&" + c : this.u && Ys(l, this.u, R)), Ks(this.h, w), this.Ra && Q(l, "TYPE", "init"), this.S ? (Q(l, "$req", c), Q(l, "SID", "null"), w.U = !0, Hs(w, l, null)) : Hs(w, l, c), this.I = 2;
      }
    } else this.I == 3 && (i ? Sa(this, i) : this.i.length == 0 || aa(this.h) || Sa(this));
  };
  function Sa(i, c) {
    var l;
    c ? l = c.l : l = i.V++;
    const f = Fe(i.J);
    Q(f, "SID", i.M), Q(f, "RID", l), Q(f, "AID", i.K), xn(i, f), i.u && i.o && Ys(f, i.u, i.o), l = new Xe(i, i.j, l, i.D + 1), i.u === null && (l.J = i.o), c && (i.i = c.G.concat(i.i)), c = Pa(i, l, 1e3), l.H = Math.round(i.va * 0.5) + Math.round(i.va * 0.5 * Math.random()), Ks(i.h, l), Hs(l, f, c);
  }
  function xn(i, c) {
    i.H && Ir(i.H, function(l, f) {
      Q(c, f, l);
    }), i.l && Ir({}, function(l, f) {
      Q(c, f, l);
    });
  }
  function Pa(i, c, l) {
    l = Math.min(i.i.length, l);
    const f = i.l ? d(i.l.Ka, i.l, i) : null;
    e: {
      var w = i.i;
      let U = -1;
      for (; ; ) {
        const ce = ["count=" + l];
        U == -1 ? l > 0 ? (U = w[0].g, ce.push("ofs=" + U)) : U = 0 : ce.push("ofs=" + U);
        let W = !0;
        for (let le = 0; le < l; le++) {
          var R = w[le].g;
          const Ue = w[le].map;
          if (R -= U, R < 0) U = Math.max(0, w[le].g - 100), W = !1;
          else try {
            R = "req" + R + "_" || "";
            try {
              var b = Ue instanceof Map ? Ue : Object.entries(Ue);
              for (const [bt, nt] of b) {
                let rt = nt;
                u(nt) && (rt = Us(nt)), ce.push(R + bt + "=" + encodeURIComponent(rt));
              }
            } catch (bt) {
              throw ce.push(R + "type=" + encodeURIComponent("_badmap")), bt;
            }
          } catch {
            f && f(Ue);
          }
        }
        if (W) {
          b = ce.join("&");
          break e;
        }
      }
      b = void 0;
    }
    return i = i.i.splice(0, l), c.G = i, b;
  }
  function Ca(i) {
    if (!i.g && !i.v) {
      i.Y = 1;
      var c = i.Da;
      Oe || m(), de || (Oe(), de = !0), E.add(c, i), i.A = 0;
    }
  }
  function Zs(i) {
    return i.g || i.v || i.A >= 3 ? !1 : (i.Y++, i.v = Rn(d(i.Da, i), Va(i, i.A)), i.A++, !0);
  }
  n.Da = function() {
    if (this.v = null, ba(this), this.aa && !(this.P || this.g == null || this.T <= 0)) {
      var i = 4 * this.T;
      this.j.info("BP detection timer enabled: " + i), this.B = Rn(d(this.Wa, this), i);
    }
  }, n.Wa = function() {
    this.B && (this.B = null, this.j.info("BP detection timeout reached."), this.j.info("Buffering proxy detected and switch to long-polling!"), this.F = !1, this.P = !0, Ae(10), br(this), ba(this));
  };
  function ei(i) {
    i.B != null && (a.clearTimeout(i.B), i.B = null);
  }
  function ba(i) {
    i.g = new Xe(i, i.j, "rpc", i.Y), i.u === null && (i.g.J = i.o), i.g.P = 0;
    var c = Fe(i.na);
    Q(c, "RID", "rpc"), Q(c, "SID", i.M), Q(c, "AID", i.K), Q(c, "CI", i.F ? "0" : "1"), !i.F && i.ia && Q(c, "TO", i.ia), Q(c, "TYPE", "xmlhttp"), xn(i, c), i.u && i.o && Ys(c, i.u, i.o), i.O && (i.g.H = i.O);
    var l = i.g;
    i = i.ba, l.M = 1, l.A = Sr(Fe(c)), l.u = null, l.R = !0, ra(l, i);
  }
  n.Va = function() {
    this.C != null && (this.C = null, br(this), Zs(this), Ae(19));
  };
  function Vr(i) {
    i.C != null && (a.clearTimeout(i.C), i.C = null);
  }
  function ka(i, c) {
    var l = null;
    if (i.g == c) {
      Vr(i), ei(i), i.g = null;
      var f = 2;
    } else if (Gs(i.h, c)) l = c.G, ua(i.h, c), f = 1;
    else return;
    if (i.I != 0) {
      if (c.o) if (f == 1) {
        l = c.u ? c.u.length : 0, c = Date.now() - c.F;
        var w = i.D;
        f = vr(), ve(f, new Xo(f, l)), kr(i);
      } else Ca(i);
      else if (w = c.m, w == 3 || w == 0 && c.X > 0 || !(f == 1 && md(i, c) || f == 2 && Zs(i))) switch (l && l.length > 0 && (c = i.h, c.i = c.i.concat(l)), w) {
        case 1:
          Ct(i, 5);
          break;
        case 4:
          Ct(i, 10);
          break;
        case 3:
          Ct(i, 6);
          break;
        default:
          Ct(i, 2);
      }
    }
  }
  function Va(i, c) {
    let l = i.Qa + Math.floor(Math.random() * i.Za);
    return i.isActive() || (l *= 2), l * c;
  }
  function Ct(i, c) {
    if (i.j.info("Error code " + c), c == 2) {
      var l = d(i.bb, i), f = i.Ua;
      const w = !f;
      f = new Ze(f || "//www.google.com/images/cleardot.gif"), a.location && a.location.protocol == "http" || bn(f, "https"), Sr(f), w ? ud(f.toString(), l) : ld(f.toString(), l);
    } else Ae(2);
    i.I = 0, i.l && i.l.pa(c), Na(i), Ra(i);
  }
  n.bb = function(i) {
    i ? (this.j.info("Successfully pinged google.com"), Ae(2)) : (this.j.info("Failed to ping google.com"), Ae(1));
  };
  function Na(i) {
    if (i.I = 0, i.ja = [], i.l) {
      const c = la(i.h);
      (c.length != 0 || i.i.length != 0) && (D(i.ja, c), D(i.ja, i.i), i.h.i.length = 0, C(i.i), i.i.length = 0), i.l.oa();
    }
  }
  function Da(i, c, l) {
    var f = l instanceof Ze ? Fe(l) : new Ze(l);
    if (f.g != "") c && (f.g = c + "." + f.g), kn(f, f.u);
    else {
      var w = a.location;
      f = w.protocol, c = c ? c + "." + w.hostname : w.hostname, w = +w.port;
      const R = new Ze(null);
      f && bn(R, f), c && (R.g = c), w && kn(R, w), l && (R.h = l), f = R;
    }
    return l = i.G, c = i.wa, l && c && Q(f, l, c), Q(f, "VER", i.ka), xn(i, f), f;
  }
  function Oa(i, c, l) {
    if (c && !i.L) throw Error("Can't create secondary domain capable XhrIo object.");
    return c = i.Aa && !i.ma ? new Z(new Js({ ab: l })) : new Z(i.ma), c.Fa(i.L), c;
  }
  n.isActive = function() {
    return !!this.l && this.l.isActive(this);
  };
  function La() {
  }
  n = La.prototype, n.ra = function() {
  }, n.qa = function() {
  }, n.pa = function() {
  }, n.oa = function() {
  }, n.isActive = function() {
    return !0;
  }, n.Ka = function() {
  };
  function Nr() {
  }
  Nr.prototype.g = function(i, c) {
    return new Ce(i, c);
  };
  function Ce(i, c) {
    ge.call(this), this.g = new Aa(c), this.l = i, this.h = c && c.messageUrlParams || null, i = c && c.messageHeaders || null, c && c.clientProtocolHeaderRequired && (i ? i["X-Client-Protocol"] = "webchannel" : i = { "X-Client-Protocol": "webchannel" }), this.g.o = i, i = c && c.initMessageHeaders || null, c && c.messageContentType && (i ? i["X-WebChannel-Content-Type"] = c.messageContentType : i = { "X-WebChannel-Content-Type": c.messageContentType }), c && c.sa && (i ? i["X-WebChannel-Client-Profile"] = c.sa : i = { "X-WebChannel-Client-Profile": c.sa }), this.g.U = i, (i = c && c.Qb) && !g(i) && (this.g.u = i), this.A = c && c.supportsCrossDomainXhr || !1, this.v = c && c.sendRawJson || !1, (c = c && c.httpSessionIdParam) && !g(c) && (this.g.G = c, i = this.h, i !== null && c in i && (i = this.h, c in i && delete i[c])), this.j = new zt(this);
  }
  I(Ce, ge), Ce.prototype.m = function() {
    this.g.l = this.j, this.A && (this.g.L = !0), this.g.connect(this.l, this.h || void 0);
  }, Ce.prototype.close = function() {
    Xs(this.g);
  }, Ce.prototype.o = function(i) {
    var c = this.g;
    if (typeof i == "string") {
      var l = {};
      l.__data__ = i, i = l;
    } else this.v && (l = {}, l.__data__ = Us(i), i = l);
    c.i.push(new td(c.Ya++, i)), c.I == 3 && kr(c);
  }, Ce.prototype.N = function() {
    this.g.l = null, delete this.j, Xs(this.g), delete this.g, Ce.Z.N.call(this);
  };
  function Ma(i) {
    Bs.call(this), i.__headers__ && (this.headers = i.__headers__, this.statusCode = i.__status__, delete i.__headers__, delete i.__status__);
    var c = i.__sm__;
    if (c) {
      e: {
        for (const l in c) {
          i = l;
          break e;
        }
        i = void 0;
      }
      (this.i = i) && (i = this.i, c = c !== null && i in c ? c[i] : void 0), this.data = c;
    } else this.data = i;
  }
  I(Ma, Bs);
  function xa() {
    qs.call(this), this.status = 1;
  }
  I(xa, qs);
  function zt(i) {
    this.g = i;
  }
  I(zt, La), zt.prototype.ra = function() {
    ve(this.g, "a");
  }, zt.prototype.qa = function(i) {
    ve(this.g, new Ma(i));
  }, zt.prototype.pa = function(i) {
    ve(this.g, new xa());
  }, zt.prototype.oa = function() {
    ve(this.g, "b");
  }, Nr.prototype.createWebChannel = Nr.prototype.g, Ce.prototype.send = Ce.prototype.o, Ce.prototype.open = Ce.prototype.m, Ce.prototype.close = Ce.prototype.close, yl = function() {
    return new Nr();
  }, _l = function() {
    return vr();
  }, gl = Rt, Ri = { jb: 0, mb: 1, nb: 2, Hb: 3, Mb: 4, Jb: 5, Kb: 6, Ib: 7, Gb: 8, Lb: 9, PROXY: 10, NOPROXY: 11, Eb: 12, Ab: 13, Bb: 14, zb: 15, Cb: 16, Db: 17, fb: 18, eb: 19, gb: 20 }, Ar.NO_ERROR = 0, Ar.TIMEOUT = 8, Ar.HTTP_ERROR = 6, Hr = Ar, Zo.COMPLETE = "complete", ml = Zo, Ko.EventType = vn, vn.OPEN = "a", vn.CLOSE = "b", vn.ERROR = "c", vn.MESSAGE = "d", ge.prototype.listen = ge.prototype.J, $n = Ko, Z.prototype.listenOnce = Z.prototype.K, Z.prototype.getLastError = Z.prototype.Ha, Z.prototype.getLastErrorCode = Z.prototype.ya, Z.prototype.getStatus = Z.prototype.ca, Z.prototype.getResponseJson = Z.prototype.La, Z.prototype.getResponseText = Z.prototype.la, Z.prototype.send = Z.prototype.ea, Z.prototype.setWithCredentials = Z.prototype.Fa, pl = Z;
}).apply(typeof Lr < "u" ? Lr : typeof self < "u" ? self : typeof window < "u" ? window : {});
class ye {
  constructor(e) {
    this.uid = e;
  }
  isAuthenticated() {
    return this.uid != null;
  }
  /**
   * Returns a key representing this user, suitable for inclusion in a
   * dictionary.
   */
  toKey() {
    return this.isAuthenticated() ? "uid:" + this.uid : "anonymous-user";
  }
  isEqual(e) {
    return e.uid === this.uid;
  }
}
ye.UNAUTHENTICATED = new ye(null), // TODO(mikelehen): Look into getting a proper uid-equivalent for
// non-FirebaseAuth providers.
ye.GOOGLE_CREDENTIALS = new ye("google-credentials-uid"), ye.FIRST_PARTY = new ye("first-party-uid"), ye.MOCK_USER = new ye("mock-user");
let _n = "12.9.0";
function Vg(n) {
  _n = n;
}
const Bt = new $i("@firebase/firestore");
function Wt() {
  return Bt.logLevel;
}
function N(n, ...e) {
  if (Bt.logLevel <= B.DEBUG) {
    const t = e.map(io);
    Bt.debug(`Firestore (${_n}): ${n}`, ...t);
  }
}
function Je(n, ...e) {
  if (Bt.logLevel <= B.ERROR) {
    const t = e.map(io);
    Bt.error(`Firestore (${_n}): ${n}`, ...t);
  }
}
function qt(n, ...e) {
  if (Bt.logLevel <= B.WARN) {
    const t = e.map(io);
    Bt.warn(`Firestore (${_n}): ${n}`, ...t);
  }
}
function io(n) {
  if (typeof n == "string") return n;
  try {
    return (function(t) {
      return JSON.stringify(t);
    })(n);
  } catch {
    return n;
  }
}
function F(n, e, t) {
  let r = "Unexpected state";
  typeof e == "string" ? r = e : t = e, El(n, r, t);
}
function El(n, e, t) {
  let r = `FIRESTORE (${_n}) INTERNAL ASSERTION FAILED: ${e} (ID: ${n.toString(16)})`;
  if (t !== void 0) try {
    r += " CONTEXT: " + JSON.stringify(t);
  } catch {
    r += " CONTEXT: " + t;
  }
  throw Je(r), new Error(r);
}
function Y(n, e, t, r) {
  let s = "Unexpected state";
  typeof t == "string" ? s = t : r = t, n || El(e, s, r);
}
function $(n, e) {
  return n;
}
const P = {
  // Causes are copied from:
  // https://github.com/grpc/grpc/blob/bceec94ea4fc5f0085d81235d8e1c06798dc341a/include/grpc%2B%2B/impl/codegen/status_code_enum.h
  /** Not an error; returned on success. */
  OK: "ok",
  /** The operation was cancelled (typically by the caller). */
  CANCELLED: "cancelled",
  /** Unknown error or an error from a different error domain. */
  UNKNOWN: "unknown",
  /**
   * Client specified an invalid argument. Note that this differs from
   * FAILED_PRECONDITION. INVALID_ARGUMENT indicates arguments that are
   * problematic regardless of the state of the system (e.g., a malformed file
   * name).
   */
  INVALID_ARGUMENT: "invalid-argument",
  /**
   * Deadline expired before operation could complete. For operations that
   * change the state of the system, this error may be returned even if the
   * operation has completed successfully. For example, a successful response
   * from a server could have been delayed long enough for the deadline to
   * expire.
   */
  DEADLINE_EXCEEDED: "deadline-exceeded",
  /** Some requested entity (e.g., file or directory) was not found. */
  NOT_FOUND: "not-found",
  /**
   * Some entity that we attempted to create (e.g., file or directory) already
   * exists.
   */
  ALREADY_EXISTS: "already-exists",
  /**
   * The caller does not have permission to execute the specified operation.
   * PERMISSION_DENIED must not be used for rejections caused by exhausting
   * some resource (use RESOURCE_EXHAUSTED instead for those errors).
   * PERMISSION_DENIED must not be used if the caller cannot be identified
   * (use UNAUTHENTICATED instead for those errors).
   */
  PERMISSION_DENIED: "permission-denied",
  /**
   * The request does not have valid authentication credentials for the
   * operation.
   */
  UNAUTHENTICATED: "unauthenticated",
  /**
   * Some resource has been exhausted, perhaps a per-user quota, or perhaps the
   * entire file system is out of space.
   */
  RESOURCE_EXHAUSTED: "resource-exhausted",
  /**
   * Operation was rejected because the system is not in a state required for
   * the operation's execution. For example, directory to be deleted may be
   * non-empty, an rmdir operation is applied to a non-directory, etc.
   *
   * A litmus test that may help a service implementor in deciding
   * between FAILED_PRECONDITION, ABORTED, and UNAVAILABLE:
   *  (a) Use UNAVAILABLE if the client can retry just the failing call.
   *  (b) Use ABORTED if the client should retry at a higher-level
   *      (e.g., restarting a read-modify-write sequence).
   *  (c) Use FAILED_PRECONDITION if the client should not retry until
   *      the system state has been explicitly fixed. E.g., if an "rmdir"
   *      fails because the directory is non-empty, FAILED_PRECONDITION
   *      should be returned since the client should not retry unless
   *      they have first fixed up the directory by deleting files from it.
   *  (d) Use FAILED_PRECONDITION if the client performs conditional
   *      REST Get/Update/Delete on a resource and the resource on the
   *      server does not match the condition. E.g., conflicting
   *      read-modify-write on the same resource.
   */
  FAILED_PRECONDITION: "failed-precondition",
  /**
   * The operation was aborted, typically due to a concurrency issue like
   * sequencer check failures, transaction aborts, etc.
   *
   * See litmus test above for deciding between FAILED_PRECONDITION, ABORTED,
   * and UNAVAILABLE.
   */
  ABORTED: "aborted",
  /**
   * Operation was attempted past the valid range. E.g., seeking or reading
   * past end of file.
   *
   * Unlike INVALID_ARGUMENT, this error indicates a problem that may be fixed
   * if the system state changes. For example, a 32-bit file system will
   * generate INVALID_ARGUMENT if asked to read at an offset that is not in the
   * range [0,2^32-1], but it will generate OUT_OF_RANGE if asked to read from
   * an offset past the current file size.
   *
   * There is a fair bit of overlap between FAILED_PRECONDITION and
   * OUT_OF_RANGE. We recommend using OUT_OF_RANGE (the more specific error)
   * when it applies so that callers who are iterating through a space can
   * easily look for an OUT_OF_RANGE error to detect when they are done.
   */
  OUT_OF_RANGE: "out-of-range",
  /** Operation is not implemented or not supported/enabled in this service. */
  UNIMPLEMENTED: "unimplemented",
  /**
   * Internal errors. Means some invariants expected by underlying System has
   * been broken. If you see one of these errors, Something is very broken.
   */
  INTERNAL: "internal",
  /**
   * The service is currently unavailable. This is a most likely a transient
   * condition and may be corrected by retrying with a backoff.
   *
   * See litmus test above for deciding between FAILED_PRECONDITION, ABORTED,
   * and UNAVAILABLE.
   */
  UNAVAILABLE: "unavailable",
  /** Unrecoverable data loss or corruption. */
  DATA_LOSS: "data-loss"
};
class V extends Ye {
  /** @hideconstructor */
  constructor(e, t) {
    super(e, t), this.code = e, this.message = t, // HACK: We write a toString property directly because Error is not a real
    // class and so inheritance does not work correctly. We could alternatively
    // do the same "back-door inheritance" trick that FirebaseError does.
    this.toString = () => `${this.name}: [code=${this.code}]: ${this.message}`;
  }
}
class Dt {
  constructor() {
    this.promise = new Promise(((e, t) => {
      this.resolve = e, this.reject = t;
    }));
  }
}
class Il {
  constructor(e, t) {
    this.user = t, this.type = "OAuth", this.headers = /* @__PURE__ */ new Map(), this.headers.set("Authorization", `Bearer ${e}`);
  }
}
class Ng {
  getToken() {
    return Promise.resolve(null);
  }
  invalidateToken() {
  }
  start(e, t) {
    e.enqueueRetryable((() => t(ye.UNAUTHENTICATED)));
  }
  shutdown() {
  }
}
class Dg {
  constructor(e) {
    this.token = e, /**
     * Stores the listener registered with setChangeListener()
     * This isn't actually necessary since the UID never changes, but we use this
     * to verify the listen contract is adhered to in tests.
     */
    this.changeListener = null;
  }
  getToken() {
    return Promise.resolve(this.token);
  }
  invalidateToken() {
  }
  start(e, t) {
    this.changeListener = t, // Fire with initial user.
    e.enqueueRetryable((() => t(this.token.user)));
  }
  shutdown() {
    this.changeListener = null;
  }
}
class Og {
  constructor(e) {
    this.t = e, /** Tracks the current User. */
    this.currentUser = ye.UNAUTHENTICATED, /**
     * Counter used to detect if the token changed while a getToken request was
     * outstanding.
     */
    this.i = 0, this.forceRefresh = !1, this.auth = null;
  }
  start(e, t) {
    Y(this.o === void 0, 42304);
    let r = this.i;
    const s = (h) => this.i !== r ? (r = this.i, t(h)) : Promise.resolve();
    let o = new Dt();
    this.o = () => {
      this.i++, this.currentUser = this.u(), o.resolve(), o = new Dt(), e.enqueueRetryable((() => s(this.currentUser)));
    };
    const a = () => {
      const h = o;
      e.enqueueRetryable((async () => {
        await h.promise, await s(this.currentUser);
      }));
    }, u = (h) => {
      N("FirebaseAuthCredentialsProvider", "Auth detected"), this.auth = h, this.o && (this.auth.addAuthTokenListener(this.o), a());
    };
    this.t.onInit(((h) => u(h))), // Our users can initialize Auth right after Firestore, so we give it
    // a chance to register itself with the component framework before we
    // determine whether to start up in unauthenticated mode.
    setTimeout((() => {
      if (!this.auth) {
        const h = this.t.getImmediate({
          optional: !0
        });
        h ? u(h) : (
          // If auth is still not available, proceed with `null` user
          (N("FirebaseAuthCredentialsProvider", "Auth not yet detected"), o.resolve(), o = new Dt())
        );
      }
    }), 0), a();
  }
  getToken() {
    const e = this.i, t = this.forceRefresh;
    return this.forceRefresh = !1, this.auth ? this.auth.getToken(t).then(((r) => (
      // Cancel the request since the token changed while the request was
      // outstanding so the response is potentially for a previous user (which
      // user, we can't be sure).
      this.i !== e ? (N("FirebaseAuthCredentialsProvider", "getToken aborted due to token change."), this.getToken()) : r ? (Y(typeof r.accessToken == "string", 31837, {
        l: r
      }), new Il(r.accessToken, this.currentUser)) : null
    ))) : Promise.resolve(null);
  }
  invalidateToken() {
    this.forceRefresh = !0;
  }
  shutdown() {
    this.auth && this.o && this.auth.removeAuthTokenListener(this.o), this.o = void 0;
  }
  // Auth.getUid() can return null even with a user logged in. It is because
  // getUid() is synchronous, but the auth code populating Uid is asynchronous.
  // This method should only be called in the AuthTokenListener callback
  // to guarantee to get the actual user.
  u() {
    const e = this.auth && this.auth.getUid();
    return Y(e === null || typeof e == "string", 2055, {
      h: e
    }), new ye(e);
  }
}
class Lg {
  constructor(e, t, r) {
    this.P = e, this.T = t, this.I = r, this.type = "FirstParty", this.user = ye.FIRST_PARTY, this.R = /* @__PURE__ */ new Map();
  }
  /**
   * Gets an authorization token, using a provided factory function, or return
   * null.
   */
  A() {
    return this.I ? this.I() : null;
  }
  get headers() {
    this.R.set("X-Goog-AuthUser", this.P);
    const e = this.A();
    return e && this.R.set("Authorization", e), this.T && this.R.set("X-Goog-Iam-Authorization-Token", this.T), this.R;
  }
}
class Mg {
  constructor(e, t, r) {
    this.P = e, this.T = t, this.I = r;
  }
  getToken() {
    return Promise.resolve(new Lg(this.P, this.T, this.I));
  }
  start(e, t) {
    e.enqueueRetryable((() => t(ye.FIRST_PARTY)));
  }
  shutdown() {
  }
  invalidateToken() {
  }
}
class _c {
  constructor(e) {
    this.value = e, this.type = "AppCheck", this.headers = /* @__PURE__ */ new Map(), e && e.length > 0 && this.headers.set("x-firebase-appcheck", this.value);
  }
}
class xg {
  constructor(e, t) {
    this.V = t, this.forceRefresh = !1, this.appCheck = null, this.m = null, this.p = null, be(e) && e.settings.appCheckToken && (this.p = e.settings.appCheckToken);
  }
  start(e, t) {
    Y(this.o === void 0, 3512);
    const r = (o) => {
      o.error != null && N("FirebaseAppCheckTokenProvider", `Error getting App Check token; using placeholder token instead. Error: ${o.error.message}`);
      const a = o.token !== this.m;
      return this.m = o.token, N("FirebaseAppCheckTokenProvider", `Received ${a ? "new" : "existing"} token.`), a ? t(o.token) : Promise.resolve();
    };
    this.o = (o) => {
      e.enqueueRetryable((() => r(o)));
    };
    const s = (o) => {
      N("FirebaseAppCheckTokenProvider", "AppCheck detected"), this.appCheck = o, this.o && this.appCheck.addTokenListener(this.o);
    };
    this.V.onInit(((o) => s(o))), // Our users can initialize AppCheck after Firestore, so we give it
    // a chance to register itself with the component framework.
    setTimeout((() => {
      if (!this.appCheck) {
        const o = this.V.getImmediate({
          optional: !0
        });
        o ? s(o) : (
          // If AppCheck is still not available, proceed without it.
          N("FirebaseAppCheckTokenProvider", "AppCheck not yet detected")
        );
      }
    }), 0);
  }
  getToken() {
    if (this.p) return Promise.resolve(new _c(this.p));
    const e = this.forceRefresh;
    return this.forceRefresh = !1, this.appCheck ? this.appCheck.getToken(e).then(((t) => t ? (Y(typeof t.token == "string", 44558, {
      tokenResult: t
    }), this.m = t.token, new _c(t.token)) : null)) : Promise.resolve(null);
  }
  invalidateToken() {
    this.forceRefresh = !0;
  }
  shutdown() {
    this.appCheck && this.o && this.appCheck.removeTokenListener(this.o), this.o = void 0;
  }
}
function Fg(n) {
  const e = (
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    typeof self < "u" && (self.crypto || self.msCrypto)
  ), t = new Uint8Array(n);
  if (e && typeof e.getRandomValues == "function") e.getRandomValues(t);
  else
    for (let r = 0; r < n; r++) t[r] = Math.floor(256 * Math.random());
  return t;
}
class oo {
  static newId() {
    const e = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", t = 62 * Math.floor(4.129032258064516);
    let r = "";
    for (; r.length < 20; ) {
      const s = Fg(40);
      for (let o = 0; o < s.length; ++o)
        r.length < 20 && s[o] < t && (r += e.charAt(s[o] % 62));
    }
    return r;
  }
}
function q(n, e) {
  return n < e ? -1 : n > e ? 1 : 0;
}
function Si(n, e) {
  const t = Math.min(n.length, e.length);
  for (let r = 0; r < t; r++) {
    const s = n.charAt(r), o = e.charAt(r);
    if (s !== o) return hi(s) === hi(o) ? q(s, o) : hi(s) ? 1 : -1;
  }
  return q(n.length, e.length);
}
const Ug = 55296, Bg = 57343;
function hi(n) {
  const e = n.charCodeAt(0);
  return e >= Ug && e <= Bg;
}
function an(n, e, t) {
  return n.length === e.length && n.every(((r, s) => t(r, e[s])));
}
const yc = "__name__";
class Be {
  constructor(e, t, r) {
    t === void 0 ? t = 0 : t > e.length && F(637, {
      offset: t,
      range: e.length
    }), r === void 0 ? r = e.length - t : r > e.length - t && F(1746, {
      length: r,
      range: e.length - t
    }), this.segments = e, this.offset = t, this.len = r;
  }
  get length() {
    return this.len;
  }
  isEqual(e) {
    return Be.comparator(this, e) === 0;
  }
  child(e) {
    const t = this.segments.slice(this.offset, this.limit());
    return e instanceof Be ? e.forEach(((r) => {
      t.push(r);
    })) : t.push(e), this.construct(t);
  }
  /** The index of one past the last segment of the path. */
  limit() {
    return this.offset + this.length;
  }
  popFirst(e) {
    return e = e === void 0 ? 1 : e, this.construct(this.segments, this.offset + e, this.length - e);
  }
  popLast() {
    return this.construct(this.segments, this.offset, this.length - 1);
  }
  firstSegment() {
    return this.segments[this.offset];
  }
  lastSegment() {
    return this.get(this.length - 1);
  }
  get(e) {
    return this.segments[this.offset + e];
  }
  isEmpty() {
    return this.length === 0;
  }
  isPrefixOf(e) {
    if (e.length < this.length) return !1;
    for (let t = 0; t < this.length; t++) if (this.get(t) !== e.get(t)) return !1;
    return !0;
  }
  isImmediateParentOf(e) {
    if (this.length + 1 !== e.length) return !1;
    for (let t = 0; t < this.length; t++) if (this.get(t) !== e.get(t)) return !1;
    return !0;
  }
  forEach(e) {
    for (let t = this.offset, r = this.limit(); t < r; t++) e(this.segments[t]);
  }
  toArray() {
    return this.segments.slice(this.offset, this.limit());
  }
  /**
   * Compare 2 paths segment by segment, prioritizing numeric IDs
   * (e.g., "__id123__") in numeric ascending order, followed by string
   * segments in lexicographical order.
   */
  static comparator(e, t) {
    const r = Math.min(e.length, t.length);
    for (let s = 0; s < r; s++) {
      const o = Be.compareSegments(e.get(s), t.get(s));
      if (o !== 0) return o;
    }
    return q(e.length, t.length);
  }
  static compareSegments(e, t) {
    const r = Be.isNumericId(e), s = Be.isNumericId(t);
    return r && !s ? -1 : !r && s ? 1 : r && s ? Be.extractNumericId(e).compare(Be.extractNumericId(t)) : Si(e, t);
  }
  // Checks if a segment is a numeric ID (starts with "__id" and ends with "__").
  static isNumericId(e) {
    return e.startsWith("__id") && e.endsWith("__");
  }
  static extractNumericId(e) {
    return pt.fromString(e.substring(4, e.length - 2));
  }
}
class K extends Be {
  construct(e, t, r) {
    return new K(e, t, r);
  }
  canonicalString() {
    return this.toArray().join("/");
  }
  toString() {
    return this.canonicalString();
  }
  /**
   * Returns a string representation of this path
   * where each path segment has been encoded with
   * `encodeURIComponent`.
   */
  toUriEncodedString() {
    return this.toArray().map(encodeURIComponent).join("/");
  }
  /**
   * Creates a resource path from the given slash-delimited string. If multiple
   * arguments are provided, all components are combined. Leading and trailing
   * slashes from all components are ignored.
   */
  static fromString(...e) {
    const t = [];
    for (const r of e) {
      if (r.indexOf("//") >= 0) throw new V(P.INVALID_ARGUMENT, `Invalid segment (${r}). Paths must not contain // in them.`);
      t.push(...r.split("/").filter(((s) => s.length > 0)));
    }
    return new K(t);
  }
  static emptyPath() {
    return new K([]);
  }
}
const qg = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
class Ie extends Be {
  construct(e, t, r) {
    return new Ie(e, t, r);
  }
  /**
   * Returns true if the string could be used as a segment in a field path
   * without escaping.
   */
  static isValidIdentifier(e) {
    return qg.test(e);
  }
  canonicalString() {
    return this.toArray().map(((e) => (e = e.replace(/\\/g, "\\\\").replace(/`/g, "\\`"), Ie.isValidIdentifier(e) || (e = "`" + e + "`"), e))).join(".");
  }
  toString() {
    return this.canonicalString();
  }
  /**
   * Returns true if this field references the key of a document.
   */
  isKeyField() {
    return this.length === 1 && this.get(0) === yc;
  }
  /**
   * The field designating the key of a document.
   */
  static keyField() {
    return new Ie([yc]);
  }
  /**
   * Parses a field string from the given server-formatted string.
   *
   * - Splitting the empty string is not allowed (for now at least).
   * - Empty segments within the string (e.g. if there are two consecutive
   *   separators) are not allowed.
   *
   * TODO(b/37244157): we should make this more strict. Right now, it allows
   * non-identifier path components, even if they aren't escaped.
   */
  static fromServerFormat(e) {
    const t = [];
    let r = "", s = 0;
    const o = () => {
      if (r.length === 0) throw new V(P.INVALID_ARGUMENT, `Invalid field path (${e}). Paths must not be empty, begin with '.', end with '.', or contain '..'`);
      t.push(r), r = "";
    };
    let a = !1;
    for (; s < e.length; ) {
      const u = e[s];
      if (u === "\\") {
        if (s + 1 === e.length) throw new V(P.INVALID_ARGUMENT, "Path has trailing escape character: " + e);
        const h = e[s + 1];
        if (h !== "\\" && h !== "." && h !== "`") throw new V(P.INVALID_ARGUMENT, "Path has invalid escape sequence: " + e);
        r += h, s += 2;
      } else u === "`" ? (a = !a, s++) : u !== "." || a ? (r += u, s++) : (o(), s++);
    }
    if (o(), a) throw new V(P.INVALID_ARGUMENT, "Unterminated ` in path: " + e);
    return new Ie(t);
  }
  static emptyPath() {
    return new Ie([]);
  }
}
class O {
  constructor(e) {
    this.path = e;
  }
  static fromPath(e) {
    return new O(K.fromString(e));
  }
  static fromName(e) {
    return new O(K.fromString(e).popFirst(5));
  }
  static empty() {
    return new O(K.emptyPath());
  }
  get collectionGroup() {
    return this.path.popLast().lastSegment();
  }
  /** Returns true if the document is in the specified collectionId. */
  hasCollectionId(e) {
    return this.path.length >= 2 && this.path.get(this.path.length - 2) === e;
  }
  /** Returns the collection group (i.e. the name of the parent collection) for this key. */
  getCollectionGroup() {
    return this.path.get(this.path.length - 2);
  }
  /** Returns the fully qualified path to the parent collection. */
  getCollectionPath() {
    return this.path.popLast();
  }
  isEqual(e) {
    return e !== null && K.comparator(this.path, e.path) === 0;
  }
  toString() {
    return this.path.toString();
  }
  static comparator(e, t) {
    return K.comparator(e.path, t.path);
  }
  static isDocumentKey(e) {
    return e.length % 2 == 0;
  }
  /**
   * Creates and returns a new document key with the given segments.
   *
   * @param segments - The segments of the path to the document
   * @returns A new instance of DocumentKey
   */
  static fromSegments(e) {
    return new O(new K(e.slice()));
  }
}
function Tl(n, e, t) {
  if (!t) throw new V(P.INVALID_ARGUMENT, `Function ${n}() cannot be called with an empty ${e}.`);
}
function jg(n, e, t, r) {
  if (e === !0 && r === !0) throw new V(P.INVALID_ARGUMENT, `${n} and ${t} cannot be used together.`);
}
function Ec(n) {
  if (!O.isDocumentKey(n)) throw new V(P.INVALID_ARGUMENT, `Invalid document reference. Document references must have an even number of segments, but ${n} has ${n.length}.`);
}
function Ic(n) {
  if (O.isDocumentKey(n)) throw new V(P.INVALID_ARGUMENT, `Invalid collection reference. Collection references must have an odd number of segments, but ${n} has ${n.length}.`);
}
function wl(n) {
  return typeof n == "object" && n !== null && (Object.getPrototypeOf(n) === Object.prototype || Object.getPrototypeOf(n) === null);
}
function ys(n) {
  if (n === void 0) return "undefined";
  if (n === null) return "null";
  if (typeof n == "string") return n.length > 20 && (n = `${n.substring(0, 20)}...`), JSON.stringify(n);
  if (typeof n == "number" || typeof n == "boolean") return "" + n;
  if (typeof n == "object") {
    if (n instanceof Array) return "an array";
    {
      const e = (
        /** try to get the constructor name for an object. */
        (function(r) {
          return r.constructor ? r.constructor.name : null;
        })(n)
      );
      return e ? `a custom ${e} object` : "an object";
    }
  }
  return typeof n == "function" ? "a function" : F(12329, {
    type: typeof n
  });
}
function en(n, e) {
  if ("_delegate" in n && // Unwrap Compat types
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (n = n._delegate), !(n instanceof e)) {
    if (e.name === n.constructor.name) throw new V(P.INVALID_ARGUMENT, "Type does not match the expected instance. Did you pass a reference from a different Firestore SDK?");
    {
      const t = ys(n);
      throw new V(P.INVALID_ARGUMENT, `Expected type '${e.name}', but it was: ${t}`);
    }
  }
  return n;
}
function $g(n, e) {
  if (e <= 0) throw new V(P.INVALID_ARGUMENT, `Function ${n}() requires a positive number, but it was: ${e}.`);
}
function ie(n, e) {
  const t = {
    typeString: n
  };
  return e && (t.value = e), t;
}
function mr(n, e) {
  if (!wl(n)) throw new V(P.INVALID_ARGUMENT, "JSON must be an object");
  let t;
  for (const r in e) if (e[r]) {
    const s = e[r].typeString, o = "value" in e[r] ? {
      value: e[r].value
    } : void 0;
    if (!(r in n)) {
      t = `JSON missing required field: '${r}'`;
      break;
    }
    const a = n[r];
    if (s && typeof a !== s) {
      t = `JSON field '${r}' must be a ${s}.`;
      break;
    }
    if (o !== void 0 && a !== o.value) {
      t = `Expected '${r}' field to equal '${o.value}'`;
      break;
    }
  }
  if (t) throw new V(P.INVALID_ARGUMENT, t);
  return !0;
}
const Tc = -62135596800, wc = 1e6;
class J {
  /**
   * Creates a new timestamp with the current date, with millisecond precision.
   *
   * @returns a new timestamp representing the current date.
   */
  static now() {
    return J.fromMillis(Date.now());
  }
  /**
   * Creates a new timestamp from the given date.
   *
   * @param date - The date to initialize the `Timestamp` from.
   * @returns A new `Timestamp` representing the same point in time as the given
   *     date.
   */
  static fromDate(e) {
    return J.fromMillis(e.getTime());
  }
  /**
   * Creates a new timestamp from the given number of milliseconds.
   *
   * @param milliseconds - Number of milliseconds since Unix epoch
   *     1970-01-01T00:00:00Z.
   * @returns A new `Timestamp` representing the same point in time as the given
   *     number of milliseconds.
   */
  static fromMillis(e) {
    const t = Math.floor(e / 1e3), r = Math.floor((e - 1e3 * t) * wc);
    return new J(t, r);
  }
  /**
   * Creates a new timestamp.
   *
   * @param seconds - The number of seconds of UTC time since Unix epoch
   *     1970-01-01T00:00:00Z. Must be from 0001-01-01T00:00:00Z to
   *     9999-12-31T23:59:59Z inclusive.
   * @param nanoseconds - The non-negative fractions of a second at nanosecond
   *     resolution. Negative second values with fractions must still have
   *     non-negative nanoseconds values that count forward in time. Must be
   *     from 0 to 999,999,999 inclusive.
   */
  constructor(e, t) {
    if (this.seconds = e, this.nanoseconds = t, t < 0) throw new V(P.INVALID_ARGUMENT, "Timestamp nanoseconds out of range: " + t);
    if (t >= 1e9) throw new V(P.INVALID_ARGUMENT, "Timestamp nanoseconds out of range: " + t);
    if (e < Tc) throw new V(P.INVALID_ARGUMENT, "Timestamp seconds out of range: " + e);
    if (e >= 253402300800) throw new V(P.INVALID_ARGUMENT, "Timestamp seconds out of range: " + e);
  }
  /**
   * Converts a `Timestamp` to a JavaScript `Date` object. This conversion
   * causes a loss of precision since `Date` objects only support millisecond
   * precision.
   *
   * @returns JavaScript `Date` object representing the same point in time as
   *     this `Timestamp`, with millisecond precision.
   */
  toDate() {
    return new Date(this.toMillis());
  }
  /**
   * Converts a `Timestamp` to a numeric timestamp (in milliseconds since
   * epoch). This operation causes a loss of precision.
   *
   * @returns The point in time corresponding to this timestamp, represented as
   *     the number of milliseconds since Unix epoch 1970-01-01T00:00:00Z.
   */
  toMillis() {
    return 1e3 * this.seconds + this.nanoseconds / wc;
  }
  _compareTo(e) {
    return this.seconds === e.seconds ? q(this.nanoseconds, e.nanoseconds) : q(this.seconds, e.seconds);
  }
  /**
   * Returns true if this `Timestamp` is equal to the provided one.
   *
   * @param other - The `Timestamp` to compare against.
   * @returns true if this `Timestamp` is equal to the provided one.
   */
  isEqual(e) {
    return e.seconds === this.seconds && e.nanoseconds === this.nanoseconds;
  }
  /** Returns a textual representation of this `Timestamp`. */
  toString() {
    return "Timestamp(seconds=" + this.seconds + ", nanoseconds=" + this.nanoseconds + ")";
  }
  /**
   * Returns a JSON-serializable representation of this `Timestamp`.
   */
  toJSON() {
    return {
      type: J._jsonSchemaVersion,
      seconds: this.seconds,
      nanoseconds: this.nanoseconds
    };
  }
  /**
   * Builds a `Timestamp` instance from a JSON object created by {@link Timestamp.toJSON}.
   */
  static fromJSON(e) {
    if (mr(e, J._jsonSchema)) return new J(e.seconds, e.nanoseconds);
  }
  /**
   * Converts this object to a primitive string, which allows `Timestamp` objects
   * to be compared using the `>`, `<=`, `>=` and `>` operators.
   */
  valueOf() {
    const e = this.seconds - Tc;
    return String(e).padStart(12, "0") + "." + String(this.nanoseconds).padStart(9, "0");
  }
}
J._jsonSchemaVersion = "firestore/timestamp/1.0", J._jsonSchema = {
  type: ie("string", J._jsonSchemaVersion),
  seconds: ie("number"),
  nanoseconds: ie("number")
};
class x {
  static fromTimestamp(e) {
    return new x(e);
  }
  static min() {
    return new x(new J(0, 0));
  }
  static max() {
    return new x(new J(253402300799, 999999999));
  }
  constructor(e) {
    this.timestamp = e;
  }
  compareTo(e) {
    return this.timestamp._compareTo(e.timestamp);
  }
  isEqual(e) {
    return this.timestamp.isEqual(e.timestamp);
  }
  /** Returns a number representation of the version for use in spec tests. */
  toMicroseconds() {
    return 1e6 * this.timestamp.seconds + this.timestamp.nanoseconds / 1e3;
  }
  toString() {
    return "SnapshotVersion(" + this.timestamp.toString() + ")";
  }
  toTimestamp() {
    return this.timestamp;
  }
}
const ir = -1;
function Hg(n, e) {
  const t = n.toTimestamp().seconds, r = n.toTimestamp().nanoseconds + 1, s = x.fromTimestamp(r === 1e9 ? new J(t + 1, 0) : new J(t, r));
  return new gt(s, O.empty(), e);
}
function zg(n) {
  return new gt(n.readTime, n.key, ir);
}
class gt {
  constructor(e, t, r) {
    this.readTime = e, this.documentKey = t, this.largestBatchId = r;
  }
  /** Returns an offset that sorts before all regular offsets. */
  static min() {
    return new gt(x.min(), O.empty(), ir);
  }
  /** Returns an offset that sorts after all regular offsets. */
  static max() {
    return new gt(x.max(), O.empty(), ir);
  }
}
function Wg(n, e) {
  let t = n.readTime.compareTo(e.readTime);
  return t !== 0 ? t : (t = O.comparator(n.documentKey, e.documentKey), t !== 0 ? t : q(n.largestBatchId, e.largestBatchId));
}
const Gg = "The current tab is not in the required state to perform this operation. It might be necessary to refresh the browser tab.";
class Kg {
  constructor() {
    this.onCommittedListeners = [];
  }
  addOnCommittedListener(e) {
    this.onCommittedListeners.push(e);
  }
  raiseOnCommittedEvent() {
    this.onCommittedListeners.forEach(((e) => e()));
  }
}
async function Es(n) {
  if (n.code !== P.FAILED_PRECONDITION || n.message !== Gg) throw n;
  N("LocalStore", "Unexpectedly lost primary lease");
}
class S {
  constructor(e) {
    this.nextCallback = null, this.catchCallback = null, // When the operation resolves, we'll set result or error and mark isDone.
    this.result = void 0, this.error = void 0, this.isDone = !1, // Set to true when .then() or .catch() are called and prevents additional
    // chaining.
    this.callbackAttached = !1, e(((t) => {
      this.isDone = !0, this.result = t, this.nextCallback && // value should be defined unless T is Void, but we can't express
      // that in the type system.
      this.nextCallback(t);
    }), ((t) => {
      this.isDone = !0, this.error = t, this.catchCallback && this.catchCallback(t);
    }));
  }
  catch(e) {
    return this.next(void 0, e);
  }
  next(e, t) {
    return this.callbackAttached && F(59440), this.callbackAttached = !0, this.isDone ? this.error ? this.wrapFailure(t, this.error) : this.wrapSuccess(e, this.result) : new S(((r, s) => {
      this.nextCallback = (o) => {
        this.wrapSuccess(e, o).next(r, s);
      }, this.catchCallback = (o) => {
        this.wrapFailure(t, o).next(r, s);
      };
    }));
  }
  toPromise() {
    return new Promise(((e, t) => {
      this.next(e, t);
    }));
  }
  wrapUserFunction(e) {
    try {
      const t = e();
      return t instanceof S ? t : S.resolve(t);
    } catch (t) {
      return S.reject(t);
    }
  }
  wrapSuccess(e, t) {
    return e ? this.wrapUserFunction((() => e(t))) : S.resolve(t);
  }
  wrapFailure(e, t) {
    return e ? this.wrapUserFunction((() => e(t))) : S.reject(t);
  }
  static resolve(e) {
    return new S(((t, r) => {
      t(e);
    }));
  }
  static reject(e) {
    return new S(((t, r) => {
      r(e);
    }));
  }
  static waitFor(e) {
    return new S(((t, r) => {
      let s = 0, o = 0, a = !1;
      e.forEach(((u) => {
        ++s, u.next((() => {
          ++o, a && o === s && t();
        }), ((h) => r(h)));
      })), a = !0, o === s && t();
    }));
  }
  /**
   * Given an array of predicate functions that asynchronously evaluate to a
   * boolean, implements a short-circuiting `or` between the results. Predicates
   * will be evaluated until one of them returns `true`, then stop. The final
   * result will be whether any of them returned `true`.
   */
  static or(e) {
    let t = S.resolve(!1);
    for (const r of e) t = t.next(((s) => s ? S.resolve(s) : r()));
    return t;
  }
  static forEach(e, t) {
    const r = [];
    return e.forEach(((s, o) => {
      r.push(t.call(this, s, o));
    })), this.waitFor(r);
  }
  /**
   * Concurrently map all array elements through asynchronous function.
   */
  static mapArray(e, t) {
    return new S(((r, s) => {
      const o = e.length, a = new Array(o);
      let u = 0;
      for (let h = 0; h < o; h++) {
        const d = h;
        t(e[d]).next(((p) => {
          a[d] = p, ++u, u === o && r(a);
        }), ((p) => s(p)));
      }
    }));
  }
  /**
   * An alternative to recursive PersistencePromise calls, that avoids
   * potential memory problems from unbounded chains of promises.
   *
   * The `action` will be called repeatedly while `condition` is true.
   */
  static doWhile(e, t) {
    return new S(((r, s) => {
      const o = () => {
        e() === !0 ? t().next((() => {
          o();
        }), s) : r();
      };
      o();
    }));
  }
}
function Qg(n) {
  const e = n.match(/Android ([\d.]+)/i), t = e ? e[1].split(".").slice(0, 2).join(".") : "-1";
  return Number(t);
}
function yn(n) {
  return n.name === "IndexedDbTransactionError";
}
class Is {
  constructor(e, t) {
    this.previousValue = e, t && (t.sequenceNumberHandler = (r) => this.ae(r), this.ue = (r) => t.writeSequenceNumber(r));
  }
  ae(e) {
    return this.previousValue = Math.max(e, this.previousValue), this.previousValue;
  }
  next() {
    const e = ++this.previousValue;
    return this.ue && this.ue(e), e;
  }
}
Is.ce = -1;
const Jg = -1;
function Ts(n) {
  return n == null;
}
function rs(n) {
  return n === 0 && 1 / n == -1 / 0;
}
function Yg(n) {
  return typeof n == "number" && Number.isInteger(n) && !rs(n) && n <= Number.MAX_SAFE_INTEGER && n >= Number.MIN_SAFE_INTEGER;
}
const vl = "";
function Xg(n) {
  let e = "";
  for (let t = 0; t < n.length; t++) e.length > 0 && (e = vc(e)), e = Zg(n.get(t), e);
  return vc(e);
}
function Zg(n, e) {
  let t = e;
  const r = n.length;
  for (let s = 0; s < r; s++) {
    const o = n.charAt(s);
    switch (o) {
      case "\0":
        t += "";
        break;
      case vl:
        t += "";
        break;
      default:
        t += o;
    }
  }
  return t;
}
function vc(n) {
  return n + vl + "";
}
function Ac(n) {
  let e = 0;
  for (const t in n) Object.prototype.hasOwnProperty.call(n, t) && e++;
  return e;
}
function En(n, e) {
  for (const t in n) Object.prototype.hasOwnProperty.call(n, t) && e(t, n[t]);
}
function Al(n) {
  for (const e in n) if (Object.prototype.hasOwnProperty.call(n, e)) return !1;
  return !0;
}
class te {
  constructor(e, t) {
    this.comparator = e, this.root = t || fe.EMPTY;
  }
  // Returns a copy of the map, with the specified key/value added or replaced.
  insert(e, t) {
    return new te(this.comparator, this.root.insert(e, t, this.comparator).copy(null, null, fe.BLACK, null, null));
  }
  // Returns a copy of the map, with the specified key removed.
  remove(e) {
    return new te(this.comparator, this.root.remove(e, this.comparator).copy(null, null, fe.BLACK, null, null));
  }
  // Returns the value of the node with the given key, or null.
  get(e) {
    let t = this.root;
    for (; !t.isEmpty(); ) {
      const r = this.comparator(e, t.key);
      if (r === 0) return t.value;
      r < 0 ? t = t.left : r > 0 && (t = t.right);
    }
    return null;
  }
  // Returns the index of the element in this sorted map, or -1 if it doesn't
  // exist.
  indexOf(e) {
    let t = 0, r = this.root;
    for (; !r.isEmpty(); ) {
      const s = this.comparator(e, r.key);
      if (s === 0) return t + r.left.size;
      s < 0 ? r = r.left : (
        // Count all nodes left of the node plus the node itself
        (t += r.left.size + 1, r = r.right)
      );
    }
    return -1;
  }
  isEmpty() {
    return this.root.isEmpty();
  }
  // Returns the total number of nodes in the map.
  get size() {
    return this.root.size;
  }
  // Returns the minimum key in the map.
  minKey() {
    return this.root.minKey();
  }
  // Returns the maximum key in the map.
  maxKey() {
    return this.root.maxKey();
  }
  // Traverses the map in key order and calls the specified action function
  // for each key/value pair. If action returns true, traversal is aborted.
  // Returns the first truthy value returned by action, or the last falsey
  // value returned by action.
  inorderTraversal(e) {
    return this.root.inorderTraversal(e);
  }
  forEach(e) {
    this.inorderTraversal(((t, r) => (e(t, r), !1)));
  }
  toString() {
    const e = [];
    return this.inorderTraversal(((t, r) => (e.push(`${t}:${r}`), !1))), `{${e.join(", ")}}`;
  }
  // Traverses the map in reverse key order and calls the specified action
  // function for each key/value pair. If action returns true, traversal is
  // aborted.
  // Returns the first truthy value returned by action, or the last falsey
  // value returned by action.
  reverseTraversal(e) {
    return this.root.reverseTraversal(e);
  }
  // Returns an iterator over the SortedMap.
  getIterator() {
    return new Mr(this.root, null, this.comparator, !1);
  }
  getIteratorFrom(e) {
    return new Mr(this.root, e, this.comparator, !1);
  }
  getReverseIterator() {
    return new Mr(this.root, null, this.comparator, !0);
  }
  getReverseIteratorFrom(e) {
    return new Mr(this.root, e, this.comparator, !0);
  }
}
class Mr {
  constructor(e, t, r, s) {
    this.isReverse = s, this.nodeStack = [];
    let o = 1;
    for (; !e.isEmpty(); ) if (o = t ? r(e.key, t) : 1, // flip the comparison if we're going in reverse
    t && s && (o *= -1), o < 0)
      e = this.isReverse ? e.left : e.right;
    else {
      if (o === 0) {
        this.nodeStack.push(e);
        break;
      }
      this.nodeStack.push(e), e = this.isReverse ? e.right : e.left;
    }
  }
  getNext() {
    let e = this.nodeStack.pop();
    const t = {
      key: e.key,
      value: e.value
    };
    if (this.isReverse) for (e = e.left; !e.isEmpty(); ) this.nodeStack.push(e), e = e.right;
    else for (e = e.right; !e.isEmpty(); ) this.nodeStack.push(e), e = e.left;
    return t;
  }
  hasNext() {
    return this.nodeStack.length > 0;
  }
  peek() {
    if (this.nodeStack.length === 0) return null;
    const e = this.nodeStack[this.nodeStack.length - 1];
    return {
      key: e.key,
      value: e.value
    };
  }
}
class fe {
  constructor(e, t, r, s, o) {
    this.key = e, this.value = t, this.color = r ?? fe.RED, this.left = s ?? fe.EMPTY, this.right = o ?? fe.EMPTY, this.size = this.left.size + 1 + this.right.size;
  }
  // Returns a copy of the current node, optionally replacing pieces of it.
  copy(e, t, r, s, o) {
    return new fe(e ?? this.key, t ?? this.value, r ?? this.color, s ?? this.left, o ?? this.right);
  }
  isEmpty() {
    return !1;
  }
  // Traverses the tree in key order and calls the specified action function
  // for each node. If action returns true, traversal is aborted.
  // Returns the first truthy value returned by action, or the last falsey
  // value returned by action.
  inorderTraversal(e) {
    return this.left.inorderTraversal(e) || e(this.key, this.value) || this.right.inorderTraversal(e);
  }
  // Traverses the tree in reverse key order and calls the specified action
  // function for each node. If action returns true, traversal is aborted.
  // Returns the first truthy value returned by action, or the last falsey
  // value returned by action.
  reverseTraversal(e) {
    return this.right.reverseTraversal(e) || e(this.key, this.value) || this.left.reverseTraversal(e);
  }
  // Returns the minimum node in the tree.
  min() {
    return this.left.isEmpty() ? this : this.left.min();
  }
  // Returns the maximum key in the tree.
  minKey() {
    return this.min().key;
  }
  // Returns the maximum key in the tree.
  maxKey() {
    return this.right.isEmpty() ? this.key : this.right.maxKey();
  }
  // Returns new tree, with the key/value added.
  insert(e, t, r) {
    let s = this;
    const o = r(e, s.key);
    return s = o < 0 ? s.copy(null, null, null, s.left.insert(e, t, r), null) : o === 0 ? s.copy(null, t, null, null, null) : s.copy(null, null, null, null, s.right.insert(e, t, r)), s.fixUp();
  }
  removeMin() {
    if (this.left.isEmpty()) return fe.EMPTY;
    let e = this;
    return e.left.isRed() || e.left.left.isRed() || (e = e.moveRedLeft()), e = e.copy(null, null, null, e.left.removeMin(), null), e.fixUp();
  }
  // Returns new tree, with the specified item removed.
  remove(e, t) {
    let r, s = this;
    if (t(e, s.key) < 0) s.left.isEmpty() || s.left.isRed() || s.left.left.isRed() || (s = s.moveRedLeft()), s = s.copy(null, null, null, s.left.remove(e, t), null);
    else {
      if (s.left.isRed() && (s = s.rotateRight()), s.right.isEmpty() || s.right.isRed() || s.right.left.isRed() || (s = s.moveRedRight()), t(e, s.key) === 0) {
        if (s.right.isEmpty()) return fe.EMPTY;
        r = s.right.min(), s = s.copy(r.key, r.value, null, null, s.right.removeMin());
      }
      s = s.copy(null, null, null, null, s.right.remove(e, t));
    }
    return s.fixUp();
  }
  isRed() {
    return this.color;
  }
  // Returns new tree after performing any needed rotations.
  fixUp() {
    let e = this;
    return e.right.isRed() && !e.left.isRed() && (e = e.rotateLeft()), e.left.isRed() && e.left.left.isRed() && (e = e.rotateRight()), e.left.isRed() && e.right.isRed() && (e = e.colorFlip()), e;
  }
  moveRedLeft() {
    let e = this.colorFlip();
    return e.right.left.isRed() && (e = e.copy(null, null, null, null, e.right.rotateRight()), e = e.rotateLeft(), e = e.colorFlip()), e;
  }
  moveRedRight() {
    let e = this.colorFlip();
    return e.left.left.isRed() && (e = e.rotateRight(), e = e.colorFlip()), e;
  }
  rotateLeft() {
    const e = this.copy(null, null, fe.RED, null, this.right.left);
    return this.right.copy(null, null, this.color, e, null);
  }
  rotateRight() {
    const e = this.copy(null, null, fe.RED, this.left.right, null);
    return this.left.copy(null, null, this.color, null, e);
  }
  colorFlip() {
    const e = this.left.copy(null, null, !this.left.color, null, null), t = this.right.copy(null, null, !this.right.color, null, null);
    return this.copy(null, null, !this.color, e, t);
  }
  // For testing.
  checkMaxDepth() {
    const e = this.check();
    return Math.pow(2, e) <= this.size + 1;
  }
  // In a balanced RB tree, the black-depth (number of black nodes) from root to
  // leaves is equal on both sides.  This function verifies that or asserts.
  check() {
    if (this.isRed() && this.left.isRed()) throw F(43730, {
      key: this.key,
      value: this.value
    });
    if (this.right.isRed()) throw F(14113, {
      key: this.key,
      value: this.value
    });
    const e = this.left.check();
    if (e !== this.right.check()) throw F(27949);
    return e + (this.isRed() ? 0 : 1);
  }
}
fe.EMPTY = null, fe.RED = !0, fe.BLACK = !1;
fe.EMPTY = new // Represents an empty node (a leaf node in the Red-Black Tree).
class {
  constructor() {
    this.size = 0;
  }
  get key() {
    throw F(57766);
  }
  get value() {
    throw F(16141);
  }
  get color() {
    throw F(16727);
  }
  get left() {
    throw F(29726);
  }
  get right() {
    throw F(36894);
  }
  // Returns a copy of the current node.
  copy(e, t, r, s, o) {
    return this;
  }
  // Returns a copy of the tree, with the specified key/value added.
  insert(e, t, r) {
    return new fe(e, t);
  }
  // Returns a copy of the tree, with the specified key removed.
  remove(e, t) {
    return this;
  }
  isEmpty() {
    return !0;
  }
  inorderTraversal(e) {
    return !1;
  }
  reverseTraversal(e) {
    return !1;
  }
  minKey() {
    return null;
  }
  maxKey() {
    return null;
  }
  isRed() {
    return !1;
  }
  // For testing.
  checkMaxDepth() {
    return !0;
  }
  check() {
    return 0;
  }
}();
class ue {
  constructor(e) {
    this.comparator = e, this.data = new te(this.comparator);
  }
  has(e) {
    return this.data.get(e) !== null;
  }
  first() {
    return this.data.minKey();
  }
  last() {
    return this.data.maxKey();
  }
  get size() {
    return this.data.size;
  }
  indexOf(e) {
    return this.data.indexOf(e);
  }
  /** Iterates elements in order defined by "comparator" */
  forEach(e) {
    this.data.inorderTraversal(((t, r) => (e(t), !1)));
  }
  /** Iterates over `elem`s such that: range[0] &lt;= elem &lt; range[1]. */
  forEachInRange(e, t) {
    const r = this.data.getIteratorFrom(e[0]);
    for (; r.hasNext(); ) {
      const s = r.getNext();
      if (this.comparator(s.key, e[1]) >= 0) return;
      t(s.key);
    }
  }
  /**
   * Iterates over `elem`s such that: start &lt;= elem until false is returned.
   */
  forEachWhile(e, t) {
    let r;
    for (r = t !== void 0 ? this.data.getIteratorFrom(t) : this.data.getIterator(); r.hasNext(); )
      if (!e(r.getNext().key)) return;
  }
  /** Finds the least element greater than or equal to `elem`. */
  firstAfterOrEqual(e) {
    const t = this.data.getIteratorFrom(e);
    return t.hasNext() ? t.getNext().key : null;
  }
  getIterator() {
    return new Rc(this.data.getIterator());
  }
  getIteratorFrom(e) {
    return new Rc(this.data.getIteratorFrom(e));
  }
  /** Inserts or updates an element */
  add(e) {
    return this.copy(this.data.remove(e).insert(e, !0));
  }
  /** Deletes an element */
  delete(e) {
    return this.has(e) ? this.copy(this.data.remove(e)) : this;
  }
  isEmpty() {
    return this.data.isEmpty();
  }
  unionWith(e) {
    let t = this;
    return t.size < e.size && (t = e, e = this), e.forEach(((r) => {
      t = t.add(r);
    })), t;
  }
  isEqual(e) {
    if (!(e instanceof ue) || this.size !== e.size) return !1;
    const t = this.data.getIterator(), r = e.data.getIterator();
    for (; t.hasNext(); ) {
      const s = t.getNext().key, o = r.getNext().key;
      if (this.comparator(s, o) !== 0) return !1;
    }
    return !0;
  }
  toArray() {
    const e = [];
    return this.forEach(((t) => {
      e.push(t);
    })), e;
  }
  toString() {
    const e = [];
    return this.forEach(((t) => e.push(t))), "SortedSet(" + e.toString() + ")";
  }
  copy(e) {
    const t = new ue(this.comparator);
    return t.data = e, t;
  }
}
class Rc {
  constructor(e) {
    this.iter = e;
  }
  getNext() {
    return this.iter.getNext().key;
  }
  hasNext() {
    return this.iter.hasNext();
  }
}
class ut {
  constructor(e) {
    this.fields = e, // TODO(dimond): validation of FieldMask
    // Sort the field mask to support `FieldMask.isEqual()` and assert below.
    e.sort(Ie.comparator);
  }
  static empty() {
    return new ut([]);
  }
  /**
   * Returns a new FieldMask object that is the result of adding all the given
   * fields paths to this field mask.
   */
  unionWith(e) {
    let t = new ue(Ie.comparator);
    for (const r of this.fields) t = t.add(r);
    for (const r of e) t = t.add(r);
    return new ut(t.toArray());
  }
  /**
   * Verifies that `fieldPath` is included by at least one field in this field
   * mask.
   *
   * This is an O(n) operation, where `n` is the size of the field mask.
   */
  covers(e) {
    for (const t of this.fields) if (t.isPrefixOf(e)) return !0;
    return !1;
  }
  isEqual(e) {
    return an(this.fields, e.fields, ((t, r) => t.isEqual(r)));
  }
}
class Rl extends Error {
  constructor() {
    super(...arguments), this.name = "Base64DecodeError";
  }
}
class pe {
  constructor(e) {
    this.binaryString = e;
  }
  static fromBase64String(e) {
    const t = (function(s) {
      try {
        return atob(s);
      } catch (o) {
        throw typeof DOMException < "u" && o instanceof DOMException ? new Rl("Invalid base64 string: " + o) : o;
      }
    })(e);
    return new pe(t);
  }
  static fromUint8Array(e) {
    const t = (
      /**
      * Helper function to convert an Uint8array to a binary string.
      */
      (function(s) {
        let o = "";
        for (let a = 0; a < s.length; ++a) o += String.fromCharCode(s[a]);
        return o;
      })(e)
    );
    return new pe(t);
  }
  [Symbol.iterator]() {
    let e = 0;
    return {
      next: () => e < this.binaryString.length ? {
        value: this.binaryString.charCodeAt(e++),
        done: !1
      } : {
        value: void 0,
        done: !0
      }
    };
  }
  toBase64() {
    return (function(t) {
      return btoa(t);
    })(this.binaryString);
  }
  toUint8Array() {
    return (function(t) {
      const r = new Uint8Array(t.length);
      for (let s = 0; s < t.length; s++) r[s] = t.charCodeAt(s);
      return r;
    })(this.binaryString);
  }
  approximateByteSize() {
    return 2 * this.binaryString.length;
  }
  compareTo(e) {
    return q(this.binaryString, e.binaryString);
  }
  isEqual(e) {
    return this.binaryString === e.binaryString;
  }
}
pe.EMPTY_BYTE_STRING = new pe("");
const e_ = new RegExp(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?Z$/);
function _t(n) {
  if (Y(!!n, 39018), typeof n == "string") {
    let e = 0;
    const t = e_.exec(n);
    if (Y(!!t, 46558, {
      timestamp: n
    }), t[1]) {
      let s = t[1];
      s = (s + "000000000").substr(0, 9), e = Number(s);
    }
    const r = new Date(n);
    return {
      seconds: Math.floor(r.getTime() / 1e3),
      nanos: e
    };
  }
  return {
    seconds: ee(n.seconds),
    nanos: ee(n.nanos)
  };
}
function ee(n) {
  return typeof n == "number" ? n : typeof n == "string" ? Number(n) : 0;
}
function yt(n) {
  return typeof n == "string" ? pe.fromBase64String(n) : pe.fromUint8Array(n);
}
const Sl = "server_timestamp", Pl = "__type__", Cl = "__previous_value__", bl = "__local_write_time__";
function ao(n) {
  return (n?.mapValue?.fields || {})[Pl]?.stringValue === Sl;
}
function ws(n) {
  const e = n.mapValue.fields[Cl];
  return ao(e) ? ws(e) : e;
}
function or(n) {
  const e = _t(n.mapValue.fields[bl].timestampValue);
  return new J(e.seconds, e.nanos);
}
class t_ {
  /**
   * Constructs a DatabaseInfo using the provided host, databaseId and
   * persistenceKey.
   *
   * @param databaseId - The database to use.
   * @param appId - The Firebase App Id.
   * @param persistenceKey - A unique identifier for this Firestore's local
   * storage (used in conjunction with the databaseId).
   * @param host - The Firestore backend host to connect to.
   * @param ssl - Whether to use SSL when connecting.
   * @param forceLongPolling - Whether to use the forceLongPolling option
   * when using WebChannel as the network transport.
   * @param autoDetectLongPolling - Whether to use the detectBufferingProxy
   * option when using WebChannel as the network transport.
   * @param longPollingOptions - Options that configure long-polling.
   * @param useFetchStreams - Whether to use the Fetch API instead of
   * XMLHTTPRequest
   */
  constructor(e, t, r, s, o, a, u, h, d, p, I) {
    this.databaseId = e, this.appId = t, this.persistenceKey = r, this.host = s, this.ssl = o, this.forceLongPolling = a, this.autoDetectLongPolling = u, this.longPollingOptions = h, this.useFetchStreams = d, this.isUsingEmulator = p, this.apiKey = I;
  }
}
const ss = "(default)";
class ar {
  constructor(e, t) {
    this.projectId = e, this.database = t || ss;
  }
  static empty() {
    return new ar("", "");
  }
  get isDefaultDatabase() {
    return this.database === ss;
  }
  isEqual(e) {
    return e instanceof ar && e.projectId === this.projectId && e.database === this.database;
  }
}
function n_(n, e) {
  if (!Object.prototype.hasOwnProperty.apply(n.options, ["projectId"])) throw new V(P.INVALID_ARGUMENT, '"projectId" not provided in firebase.initializeApp.');
  return new ar(n.options.projectId, e);
}
const kl = "__type__", r_ = "__max__", xr = {
  mapValue: {}
}, Vl = "__vector__", is = "value";
function Et(n) {
  return "nullValue" in n ? 0 : "booleanValue" in n ? 1 : "integerValue" in n || "doubleValue" in n ? 2 : "timestampValue" in n ? 3 : "stringValue" in n ? 5 : "bytesValue" in n ? 6 : "referenceValue" in n ? 7 : "geoPointValue" in n ? 8 : "arrayValue" in n ? 9 : "mapValue" in n ? ao(n) ? 4 : i_(n) ? 9007199254740991 : s_(n) ? 10 : 11 : F(28295, {
    value: n
  });
}
function ze(n, e) {
  if (n === e) return !0;
  const t = Et(n);
  if (t !== Et(e)) return !1;
  switch (t) {
    case 0:
    case 9007199254740991:
      return !0;
    case 1:
      return n.booleanValue === e.booleanValue;
    case 4:
      return or(n).isEqual(or(e));
    case 3:
      return (function(s, o) {
        if (typeof s.timestampValue == "string" && typeof o.timestampValue == "string" && s.timestampValue.length === o.timestampValue.length)
          return s.timestampValue === o.timestampValue;
        const a = _t(s.timestampValue), u = _t(o.timestampValue);
        return a.seconds === u.seconds && a.nanos === u.nanos;
      })(n, e);
    case 5:
      return n.stringValue === e.stringValue;
    case 6:
      return (function(s, o) {
        return yt(s.bytesValue).isEqual(yt(o.bytesValue));
      })(n, e);
    case 7:
      return n.referenceValue === e.referenceValue;
    case 8:
      return (function(s, o) {
        return ee(s.geoPointValue.latitude) === ee(o.geoPointValue.latitude) && ee(s.geoPointValue.longitude) === ee(o.geoPointValue.longitude);
      })(n, e);
    case 2:
      return (function(s, o) {
        if ("integerValue" in s && "integerValue" in o) return ee(s.integerValue) === ee(o.integerValue);
        if ("doubleValue" in s && "doubleValue" in o) {
          const a = ee(s.doubleValue), u = ee(o.doubleValue);
          return a === u ? rs(a) === rs(u) : isNaN(a) && isNaN(u);
        }
        return !1;
      })(n, e);
    case 9:
      return an(n.arrayValue.values || [], e.arrayValue.values || [], ze);
    case 10:
    case 11:
      return (function(s, o) {
        const a = s.mapValue.fields || {}, u = o.mapValue.fields || {};
        if (Ac(a) !== Ac(u)) return !1;
        for (const h in a) if (a.hasOwnProperty(h) && (u[h] === void 0 || !ze(a[h], u[h]))) return !1;
        return !0;
      })(n, e);
    default:
      return F(52216, {
        left: n
      });
  }
}
function cr(n, e) {
  return (n.values || []).find(((t) => ze(t, e))) !== void 0;
}
function cn(n, e) {
  if (n === e) return 0;
  const t = Et(n), r = Et(e);
  if (t !== r) return q(t, r);
  switch (t) {
    case 0:
    case 9007199254740991:
      return 0;
    case 1:
      return q(n.booleanValue, e.booleanValue);
    case 2:
      return (function(o, a) {
        const u = ee(o.integerValue || o.doubleValue), h = ee(a.integerValue || a.doubleValue);
        return u < h ? -1 : u > h ? 1 : u === h ? 0 : (
          // one or both are NaN.
          isNaN(u) ? isNaN(h) ? 0 : -1 : 1
        );
      })(n, e);
    case 3:
      return Sc(n.timestampValue, e.timestampValue);
    case 4:
      return Sc(or(n), or(e));
    case 5:
      return Si(n.stringValue, e.stringValue);
    case 6:
      return (function(o, a) {
        const u = yt(o), h = yt(a);
        return u.compareTo(h);
      })(n.bytesValue, e.bytesValue);
    case 7:
      return (function(o, a) {
        const u = o.split("/"), h = a.split("/");
        for (let d = 0; d < u.length && d < h.length; d++) {
          const p = q(u[d], h[d]);
          if (p !== 0) return p;
        }
        return q(u.length, h.length);
      })(n.referenceValue, e.referenceValue);
    case 8:
      return (function(o, a) {
        const u = q(ee(o.latitude), ee(a.latitude));
        return u !== 0 ? u : q(ee(o.longitude), ee(a.longitude));
      })(n.geoPointValue, e.geoPointValue);
    case 9:
      return Pc(n.arrayValue, e.arrayValue);
    case 10:
      return (function(o, a) {
        const u = o.fields || {}, h = a.fields || {}, d = u[is]?.arrayValue, p = h[is]?.arrayValue, I = q(d?.values?.length || 0, p?.values?.length || 0);
        return I !== 0 ? I : Pc(d, p);
      })(n.mapValue, e.mapValue);
    case 11:
      return (function(o, a) {
        if (o === xr.mapValue && a === xr.mapValue) return 0;
        if (o === xr.mapValue) return 1;
        if (a === xr.mapValue) return -1;
        const u = o.fields || {}, h = Object.keys(u), d = a.fields || {}, p = Object.keys(d);
        h.sort(), p.sort();
        for (let I = 0; I < h.length && I < p.length; ++I) {
          const A = Si(h[I], p[I]);
          if (A !== 0) return A;
          const C = cn(u[h[I]], d[p[I]]);
          if (C !== 0) return C;
        }
        return q(h.length, p.length);
      })(n.mapValue, e.mapValue);
    default:
      throw F(23264, {
        he: t
      });
  }
}
function Sc(n, e) {
  if (typeof n == "string" && typeof e == "string" && n.length === e.length) return q(n, e);
  const t = _t(n), r = _t(e), s = q(t.seconds, r.seconds);
  return s !== 0 ? s : q(t.nanos, r.nanos);
}
function Pc(n, e) {
  const t = n.values || [], r = e.values || [];
  for (let s = 0; s < t.length && s < r.length; ++s) {
    const o = cn(t[s], r[s]);
    if (o) return o;
  }
  return q(t.length, r.length);
}
function un(n) {
  return Pi(n);
}
function Pi(n) {
  return "nullValue" in n ? "null" : "booleanValue" in n ? "" + n.booleanValue : "integerValue" in n ? "" + n.integerValue : "doubleValue" in n ? "" + n.doubleValue : "timestampValue" in n ? (function(t) {
    const r = _t(t);
    return `time(${r.seconds},${r.nanos})`;
  })(n.timestampValue) : "stringValue" in n ? n.stringValue : "bytesValue" in n ? (function(t) {
    return yt(t).toBase64();
  })(n.bytesValue) : "referenceValue" in n ? (function(t) {
    return O.fromName(t).toString();
  })(n.referenceValue) : "geoPointValue" in n ? (function(t) {
    return `geo(${t.latitude},${t.longitude})`;
  })(n.geoPointValue) : "arrayValue" in n ? (function(t) {
    let r = "[", s = !0;
    for (const o of t.values || []) s ? s = !1 : r += ",", r += Pi(o);
    return r + "]";
  })(n.arrayValue) : "mapValue" in n ? (function(t) {
    const r = Object.keys(t.fields || {}).sort();
    let s = "{", o = !0;
    for (const a of r) o ? o = !1 : s += ",", s += `${a}:${Pi(t.fields[a])}`;
    return s + "}";
  })(n.mapValue) : F(61005, {
    value: n
  });
}
function zr(n) {
  switch (Et(n)) {
    case 0:
    case 1:
      return 4;
    case 2:
      return 8;
    case 3:
    case 8:
      return 16;
    case 4:
      const e = ws(n);
      return e ? 16 + zr(e) : 16;
    case 5:
      return 2 * n.stringValue.length;
    case 6:
      return yt(n.bytesValue).approximateByteSize();
    case 7:
      return n.referenceValue.length;
    case 9:
      return (function(r) {
        return (r.values || []).reduce(((s, o) => s + zr(o)), 0);
      })(n.arrayValue);
    case 10:
    case 11:
      return (function(r) {
        let s = 0;
        return En(r.fields, ((o, a) => {
          s += o.length + zr(a);
        })), s;
      })(n.mapValue);
    default:
      throw F(13486, {
        value: n
      });
  }
}
function Cc(n, e) {
  return {
    referenceValue: `projects/${n.projectId}/databases/${n.database}/documents/${e.path.canonicalString()}`
  };
}
function Ci(n) {
  return !!n && "integerValue" in n;
}
function co(n) {
  return !!n && "arrayValue" in n;
}
function bc(n) {
  return !!n && "nullValue" in n;
}
function kc(n) {
  return !!n && "doubleValue" in n && isNaN(Number(n.doubleValue));
}
function di(n) {
  return !!n && "mapValue" in n;
}
function s_(n) {
  return (n?.mapValue?.fields || {})[kl]?.stringValue === Vl;
}
function Xn(n) {
  if (n.geoPointValue) return {
    geoPointValue: {
      ...n.geoPointValue
    }
  };
  if (n.timestampValue && typeof n.timestampValue == "object") return {
    timestampValue: {
      ...n.timestampValue
    }
  };
  if (n.mapValue) {
    const e = {
      mapValue: {
        fields: {}
      }
    };
    return En(n.mapValue.fields, ((t, r) => e.mapValue.fields[t] = Xn(r))), e;
  }
  if (n.arrayValue) {
    const e = {
      arrayValue: {
        values: []
      }
    };
    for (let t = 0; t < (n.arrayValue.values || []).length; ++t) e.arrayValue.values[t] = Xn(n.arrayValue.values[t]);
    return e;
  }
  return {
    ...n
  };
}
function i_(n) {
  return (((n.mapValue || {}).fields || {}).__type__ || {}).stringValue === r_;
}
class qe {
  constructor(e) {
    this.value = e;
  }
  static empty() {
    return new qe({
      mapValue: {}
    });
  }
  /**
   * Returns the value at the given path or null.
   *
   * @param path - the path to search
   * @returns The value at the path or null if the path is not set.
   */
  field(e) {
    if (e.isEmpty()) return this.value;
    {
      let t = this.value;
      for (let r = 0; r < e.length - 1; ++r) if (t = (t.mapValue.fields || {})[e.get(r)], !di(t)) return null;
      return t = (t.mapValue.fields || {})[e.lastSegment()], t || null;
    }
  }
  /**
   * Sets the field to the provided value.
   *
   * @param path - The field path to set.
   * @param value - The value to set.
   */
  set(e, t) {
    this.getFieldsMap(e.popLast())[e.lastSegment()] = Xn(t);
  }
  /**
   * Sets the provided fields to the provided values.
   *
   * @param data - A map of fields to values (or null for deletes).
   */
  setAll(e) {
    let t = Ie.emptyPath(), r = {}, s = [];
    e.forEach(((a, u) => {
      if (!t.isImmediateParentOf(u)) {
        const h = this.getFieldsMap(t);
        this.applyChanges(h, r, s), r = {}, s = [], t = u.popLast();
      }
      a ? r[u.lastSegment()] = Xn(a) : s.push(u.lastSegment());
    }));
    const o = this.getFieldsMap(t);
    this.applyChanges(o, r, s);
  }
  /**
   * Removes the field at the specified path. If there is no field at the
   * specified path, nothing is changed.
   *
   * @param path - The field path to remove.
   */
  delete(e) {
    const t = this.field(e.popLast());
    di(t) && t.mapValue.fields && delete t.mapValue.fields[e.lastSegment()];
  }
  isEqual(e) {
    return ze(this.value, e.value);
  }
  /**
   * Returns the map that contains the leaf element of `path`. If the parent
   * entry does not yet exist, or if it is not a map, a new map will be created.
   */
  getFieldsMap(e) {
    let t = this.value;
    t.mapValue.fields || (t.mapValue = {
      fields: {}
    });
    for (let r = 0; r < e.length; ++r) {
      let s = t.mapValue.fields[e.get(r)];
      di(s) && s.mapValue.fields || (s = {
        mapValue: {
          fields: {}
        }
      }, t.mapValue.fields[e.get(r)] = s), t = s;
    }
    return t.mapValue.fields;
  }
  /**
   * Modifies `fieldsMap` by adding, replacing or deleting the specified
   * entries.
   */
  applyChanges(e, t, r) {
    En(t, ((s, o) => e[s] = o));
    for (const s of r) delete e[s];
  }
  clone() {
    return new qe(Xn(this.value));
  }
}
class Ee {
  constructor(e, t, r, s, o, a, u) {
    this.key = e, this.documentType = t, this.version = r, this.readTime = s, this.createTime = o, this.data = a, this.documentState = u;
  }
  /**
   * Creates a document with no known version or data, but which can serve as
   * base document for mutations.
   */
  static newInvalidDocument(e) {
    return new Ee(
      e,
      0,
      /* version */
      x.min(),
      /* readTime */
      x.min(),
      /* createTime */
      x.min(),
      qe.empty(),
      0
      /* DocumentState.SYNCED */
    );
  }
  /**
   * Creates a new document that is known to exist with the given data at the
   * given version.
   */
  static newFoundDocument(e, t, r, s) {
    return new Ee(
      e,
      1,
      /* version */
      t,
      /* readTime */
      x.min(),
      /* createTime */
      r,
      s,
      0
      /* DocumentState.SYNCED */
    );
  }
  /** Creates a new document that is known to not exist at the given version. */
  static newNoDocument(e, t) {
    return new Ee(
      e,
      2,
      /* version */
      t,
      /* readTime */
      x.min(),
      /* createTime */
      x.min(),
      qe.empty(),
      0
      /* DocumentState.SYNCED */
    );
  }
  /**
   * Creates a new document that is known to exist at the given version but
   * whose data is not known (e.g. a document that was updated without a known
   * base document).
   */
  static newUnknownDocument(e, t) {
    return new Ee(
      e,
      3,
      /* version */
      t,
      /* readTime */
      x.min(),
      /* createTime */
      x.min(),
      qe.empty(),
      2
      /* DocumentState.HAS_COMMITTED_MUTATIONS */
    );
  }
  /**
   * Changes the document type to indicate that it exists and that its version
   * and data are known.
   */
  convertToFoundDocument(e, t) {
    return !this.createTime.isEqual(x.min()) || this.documentType !== 2 && this.documentType !== 0 || (this.createTime = e), this.version = e, this.documentType = 1, this.data = t, this.documentState = 0, this;
  }
  /**
   * Changes the document type to indicate that it doesn't exist at the given
   * version.
   */
  convertToNoDocument(e) {
    return this.version = e, this.documentType = 2, this.data = qe.empty(), this.documentState = 0, this;
  }
  /**
   * Changes the document type to indicate that it exists at a given version but
   * that its data is not known (e.g. a document that was updated without a known
   * base document).
   */
  convertToUnknownDocument(e) {
    return this.version = e, this.documentType = 3, this.data = qe.empty(), this.documentState = 2, this;
  }
  setHasCommittedMutations() {
    return this.documentState = 2, this;
  }
  setHasLocalMutations() {
    return this.documentState = 1, this.version = x.min(), this;
  }
  setReadTime(e) {
    return this.readTime = e, this;
  }
  get hasLocalMutations() {
    return this.documentState === 1;
  }
  get hasCommittedMutations() {
    return this.documentState === 2;
  }
  get hasPendingWrites() {
    return this.hasLocalMutations || this.hasCommittedMutations;
  }
  isValidDocument() {
    return this.documentType !== 0;
  }
  isFoundDocument() {
    return this.documentType === 1;
  }
  isNoDocument() {
    return this.documentType === 2;
  }
  isUnknownDocument() {
    return this.documentType === 3;
  }
  isEqual(e) {
    return e instanceof Ee && this.key.isEqual(e.key) && this.version.isEqual(e.version) && this.documentType === e.documentType && this.documentState === e.documentState && this.data.isEqual(e.data);
  }
  mutableCopy() {
    return new Ee(this.key, this.documentType, this.version, this.readTime, this.createTime, this.data.clone(), this.documentState);
  }
  toString() {
    return `Document(${this.key}, ${this.version}, ${JSON.stringify(this.data.value)}, {createTime: ${this.createTime}}), {documentType: ${this.documentType}}), {documentState: ${this.documentState}})`;
  }
}
class os {
  constructor(e, t) {
    this.position = e, this.inclusive = t;
  }
}
function Vc(n, e, t) {
  let r = 0;
  for (let s = 0; s < n.position.length; s++) {
    const o = e[s], a = n.position[s];
    if (o.field.isKeyField() ? r = O.comparator(O.fromName(a.referenceValue), t.key) : r = cn(a, t.data.field(o.field)), o.dir === "desc" && (r *= -1), r !== 0) break;
  }
  return r;
}
function Nc(n, e) {
  if (n === null) return e === null;
  if (e === null || n.inclusive !== e.inclusive || n.position.length !== e.position.length) return !1;
  for (let t = 0; t < n.position.length; t++)
    if (!ze(n.position[t], e.position[t])) return !1;
  return !0;
}
class ur {
  constructor(e, t = "asc") {
    this.field = e, this.dir = t;
  }
}
function o_(n, e) {
  return n.dir === e.dir && n.field.isEqual(e.field);
}
class Nl {
}
class se extends Nl {
  constructor(e, t, r) {
    super(), this.field = e, this.op = t, this.value = r;
  }
  /**
   * Creates a filter based on the provided arguments.
   */
  static create(e, t, r) {
    return e.isKeyField() ? t === "in" || t === "not-in" ? this.createKeyFieldInFilter(e, t, r) : new c_(e, t, r) : t === "array-contains" ? new h_(e, r) : t === "in" ? new d_(e, r) : t === "not-in" ? new f_(e, r) : t === "array-contains-any" ? new p_(e, r) : new se(e, t, r);
  }
  static createKeyFieldInFilter(e, t, r) {
    return t === "in" ? new u_(e, r) : new l_(e, r);
  }
  matches(e) {
    const t = e.data.field(this.field);
    return this.op === "!=" ? t !== null && t.nullValue === void 0 && this.matchesComparison(cn(t, this.value)) : t !== null && Et(this.value) === Et(t) && this.matchesComparison(cn(t, this.value));
  }
  matchesComparison(e) {
    switch (this.op) {
      case "<":
        return e < 0;
      case "<=":
        return e <= 0;
      case "==":
        return e === 0;
      case "!=":
        return e !== 0;
      case ">":
        return e > 0;
      case ">=":
        return e >= 0;
      default:
        return F(47266, {
          operator: this.op
        });
    }
  }
  isInequality() {
    return [
      "<",
      "<=",
      ">",
      ">=",
      "!=",
      "not-in"
      /* Operator.NOT_IN */
    ].indexOf(this.op) >= 0;
  }
  getFlattenedFilters() {
    return [this];
  }
  getFilters() {
    return [this];
  }
}
class xe extends Nl {
  constructor(e, t) {
    super(), this.filters = e, this.op = t, this.Pe = null;
  }
  /**
   * Creates a filter based on the provided arguments.
   */
  static create(e, t) {
    return new xe(e, t);
  }
  matches(e) {
    return Dl(this) ? this.filters.find(((t) => !t.matches(e))) === void 0 : this.filters.find(((t) => t.matches(e))) !== void 0;
  }
  getFlattenedFilters() {
    return this.Pe !== null || (this.Pe = this.filters.reduce(((e, t) => e.concat(t.getFlattenedFilters())), [])), this.Pe;
  }
  // Returns a mutable copy of `this.filters`
  getFilters() {
    return Object.assign([], this.filters);
  }
}
function Dl(n) {
  return n.op === "and";
}
function Ol(n) {
  return a_(n) && Dl(n);
}
function a_(n) {
  for (const e of n.filters) if (e instanceof xe) return !1;
  return !0;
}
function bi(n) {
  if (n instanceof se)
    return n.field.canonicalString() + n.op.toString() + un(n.value);
  if (Ol(n))
    return n.filters.map(((e) => bi(e))).join(",");
  {
    const e = n.filters.map(((t) => bi(t))).join(",");
    return `${n.op}(${e})`;
  }
}
function Ll(n, e) {
  return n instanceof se ? (function(r, s) {
    return s instanceof se && r.op === s.op && r.field.isEqual(s.field) && ze(r.value, s.value);
  })(n, e) : n instanceof xe ? (function(r, s) {
    return s instanceof xe && r.op === s.op && r.filters.length === s.filters.length ? r.filters.reduce(((o, a, u) => o && Ll(a, s.filters[u])), !0) : !1;
  })(n, e) : void F(19439);
}
function Ml(n) {
  return n instanceof se ? (function(t) {
    return `${t.field.canonicalString()} ${t.op} ${un(t.value)}`;
  })(n) : n instanceof xe ? (function(t) {
    return t.op.toString() + " {" + t.getFilters().map(Ml).join(" ,") + "}";
  })(n) : "Filter";
}
class c_ extends se {
  constructor(e, t, r) {
    super(e, t, r), this.key = O.fromName(r.referenceValue);
  }
  matches(e) {
    const t = O.comparator(e.key, this.key);
    return this.matchesComparison(t);
  }
}
class u_ extends se {
  constructor(e, t) {
    super(e, "in", t), this.keys = xl("in", t);
  }
  matches(e) {
    return this.keys.some(((t) => t.isEqual(e.key)));
  }
}
class l_ extends se {
  constructor(e, t) {
    super(e, "not-in", t), this.keys = xl("not-in", t);
  }
  matches(e) {
    return !this.keys.some(((t) => t.isEqual(e.key)));
  }
}
function xl(n, e) {
  return (e.arrayValue?.values || []).map(((t) => O.fromName(t.referenceValue)));
}
class h_ extends se {
  constructor(e, t) {
    super(e, "array-contains", t);
  }
  matches(e) {
    const t = e.data.field(this.field);
    return co(t) && cr(t.arrayValue, this.value);
  }
}
class d_ extends se {
  constructor(e, t) {
    super(e, "in", t);
  }
  matches(e) {
    const t = e.data.field(this.field);
    return t !== null && cr(this.value.arrayValue, t);
  }
}
class f_ extends se {
  constructor(e, t) {
    super(e, "not-in", t);
  }
  matches(e) {
    if (cr(this.value.arrayValue, {
      nullValue: "NULL_VALUE"
    })) return !1;
    const t = e.data.field(this.field);
    return t !== null && t.nullValue === void 0 && !cr(this.value.arrayValue, t);
  }
}
class p_ extends se {
  constructor(e, t) {
    super(e, "array-contains-any", t);
  }
  matches(e) {
    const t = e.data.field(this.field);
    return !(!co(t) || !t.arrayValue.values) && t.arrayValue.values.some(((r) => cr(this.value.arrayValue, r)));
  }
}
class m_ {
  constructor(e, t = null, r = [], s = [], o = null, a = null, u = null) {
    this.path = e, this.collectionGroup = t, this.orderBy = r, this.filters = s, this.limit = o, this.startAt = a, this.endAt = u, this.Te = null;
  }
}
function Dc(n, e = null, t = [], r = [], s = null, o = null, a = null) {
  return new m_(n, e, t, r, s, o, a);
}
function uo(n) {
  const e = $(n);
  if (e.Te === null) {
    let t = e.path.canonicalString();
    e.collectionGroup !== null && (t += "|cg:" + e.collectionGroup), t += "|f:", t += e.filters.map(((r) => bi(r))).join(","), t += "|ob:", t += e.orderBy.map(((r) => (function(o) {
      return o.field.canonicalString() + o.dir;
    })(r))).join(","), Ts(e.limit) || (t += "|l:", t += e.limit), e.startAt && (t += "|lb:", t += e.startAt.inclusive ? "b:" : "a:", t += e.startAt.position.map(((r) => un(r))).join(",")), e.endAt && (t += "|ub:", t += e.endAt.inclusive ? "a:" : "b:", t += e.endAt.position.map(((r) => un(r))).join(",")), e.Te = t;
  }
  return e.Te;
}
function lo(n, e) {
  if (n.limit !== e.limit || n.orderBy.length !== e.orderBy.length) return !1;
  for (let t = 0; t < n.orderBy.length; t++) if (!o_(n.orderBy[t], e.orderBy[t])) return !1;
  if (n.filters.length !== e.filters.length) return !1;
  for (let t = 0; t < n.filters.length; t++) if (!Ll(n.filters[t], e.filters[t])) return !1;
  return n.collectionGroup === e.collectionGroup && !!n.path.isEqual(e.path) && !!Nc(n.startAt, e.startAt) && Nc(n.endAt, e.endAt);
}
function ki(n) {
  return O.isDocumentKey(n.path) && n.collectionGroup === null && n.filters.length === 0;
}
class In {
  /**
   * Initializes a Query with a path and optional additional query constraints.
   * Path must currently be empty if this is a collection group query.
   */
  constructor(e, t = null, r = [], s = [], o = null, a = "F", u = null, h = null) {
    this.path = e, this.collectionGroup = t, this.explicitOrderBy = r, this.filters = s, this.limit = o, this.limitType = a, this.startAt = u, this.endAt = h, this.Ie = null, // The corresponding `Target` of this `Query` instance, for use with
    // non-aggregate queries.
    this.Ee = null, // The corresponding `Target` of this `Query` instance, for use with
    // aggregate queries. Unlike targets for non-aggregate queries,
    // aggregate query targets do not contain normalized order-bys, they only
    // contain explicit order-bys.
    this.Re = null, this.startAt, this.endAt;
  }
}
function g_(n, e, t, r, s, o, a, u) {
  return new In(n, e, t, r, s, o, a, u);
}
function vs(n) {
  return new In(n);
}
function Oc(n) {
  return n.filters.length === 0 && n.limit === null && n.startAt == null && n.endAt == null && (n.explicitOrderBy.length === 0 || n.explicitOrderBy.length === 1 && n.explicitOrderBy[0].field.isKeyField());
}
function __(n) {
  return O.isDocumentKey(n.path) && n.collectionGroup === null && n.filters.length === 0;
}
function Fl(n) {
  return n.collectionGroup !== null;
}
function Zn(n) {
  const e = $(n);
  if (e.Ie === null) {
    e.Ie = [];
    const t = /* @__PURE__ */ new Set();
    for (const o of e.explicitOrderBy) e.Ie.push(o), t.add(o.field.canonicalString());
    const r = e.explicitOrderBy.length > 0 ? e.explicitOrderBy[e.explicitOrderBy.length - 1].dir : "asc";
    (function(a) {
      let u = new ue(Ie.comparator);
      return a.filters.forEach(((h) => {
        h.getFlattenedFilters().forEach(((d) => {
          d.isInequality() && (u = u.add(d.field));
        }));
      })), u;
    })(e).forEach(((o) => {
      t.has(o.canonicalString()) || o.isKeyField() || e.Ie.push(new ur(o, r));
    })), // Add the document key field to the last if it is not explicitly ordered.
    t.has(Ie.keyField().canonicalString()) || e.Ie.push(new ur(Ie.keyField(), r));
  }
  return e.Ie;
}
function $e(n) {
  const e = $(n);
  return e.Ee || (e.Ee = y_(e, Zn(n))), e.Ee;
}
function y_(n, e) {
  if (n.limitType === "F") return Dc(n.path, n.collectionGroup, e, n.filters, n.limit, n.startAt, n.endAt);
  {
    e = e.map(((s) => {
      const o = s.dir === "desc" ? "asc" : "desc";
      return new ur(s.field, o);
    }));
    const t = n.endAt ? new os(n.endAt.position, n.endAt.inclusive) : null, r = n.startAt ? new os(n.startAt.position, n.startAt.inclusive) : null;
    return Dc(n.path, n.collectionGroup, e, n.filters, n.limit, t, r);
  }
}
function Vi(n, e) {
  const t = n.filters.concat([e]);
  return new In(n.path, n.collectionGroup, n.explicitOrderBy.slice(), t, n.limit, n.limitType, n.startAt, n.endAt);
}
function E_(n, e) {
  const t = n.explicitOrderBy.concat([e]);
  return new In(n.path, n.collectionGroup, t, n.filters.slice(), n.limit, n.limitType, n.startAt, n.endAt);
}
function as(n, e, t) {
  return new In(n.path, n.collectionGroup, n.explicitOrderBy.slice(), n.filters.slice(), e, t, n.startAt, n.endAt);
}
function As(n, e) {
  return lo($e(n), $e(e)) && n.limitType === e.limitType;
}
function Ul(n) {
  return `${uo($e(n))}|lt:${n.limitType}`;
}
function Gt(n) {
  return `Query(target=${(function(t) {
    let r = t.path.canonicalString();
    return t.collectionGroup !== null && (r += " collectionGroup=" + t.collectionGroup), t.filters.length > 0 && (r += `, filters: [${t.filters.map(((s) => Ml(s))).join(", ")}]`), Ts(t.limit) || (r += ", limit: " + t.limit), t.orderBy.length > 0 && (r += `, orderBy: [${t.orderBy.map(((s) => (function(a) {
      return `${a.field.canonicalString()} (${a.dir})`;
    })(s))).join(", ")}]`), t.startAt && (r += ", startAt: ", r += t.startAt.inclusive ? "b:" : "a:", r += t.startAt.position.map(((s) => un(s))).join(",")), t.endAt && (r += ", endAt: ", r += t.endAt.inclusive ? "a:" : "b:", r += t.endAt.position.map(((s) => un(s))).join(",")), `Target(${r})`;
  })($e(n))}; limitType=${n.limitType})`;
}
function Rs(n, e) {
  return e.isFoundDocument() && (function(r, s) {
    const o = s.key.path;
    return r.collectionGroup !== null ? s.key.hasCollectionId(r.collectionGroup) && r.path.isPrefixOf(o) : O.isDocumentKey(r.path) ? r.path.isEqual(o) : r.path.isImmediateParentOf(o);
  })(n, e) && (function(r, s) {
    for (const o of Zn(r))
      if (!o.field.isKeyField() && s.data.field(o.field) === null) return !1;
    return !0;
  })(n, e) && (function(r, s) {
    for (const o of r.filters) if (!o.matches(s)) return !1;
    return !0;
  })(n, e) && (function(r, s) {
    return !(r.startAt && !/**
    * Returns true if a document sorts before a bound using the provided sort
    * order.
    */
    (function(a, u, h) {
      const d = Vc(a, u, h);
      return a.inclusive ? d <= 0 : d < 0;
    })(r.startAt, Zn(r), s) || r.endAt && !(function(a, u, h) {
      const d = Vc(a, u, h);
      return a.inclusive ? d >= 0 : d > 0;
    })(r.endAt, Zn(r), s));
  })(n, e);
}
function I_(n) {
  return n.collectionGroup || (n.path.length % 2 == 1 ? n.path.lastSegment() : n.path.get(n.path.length - 2));
}
function Bl(n) {
  return (e, t) => {
    let r = !1;
    for (const s of Zn(n)) {
      const o = T_(s, e, t);
      if (o !== 0) return o;
      r = r || s.field.isKeyField();
    }
    return 0;
  };
}
function T_(n, e, t) {
  const r = n.field.isKeyField() ? O.comparator(e.key, t.key) : (function(o, a, u) {
    const h = a.data.field(o), d = u.data.field(o);
    return h !== null && d !== null ? cn(h, d) : F(42886);
  })(n.field, e, t);
  switch (n.dir) {
    case "asc":
      return r;
    case "desc":
      return -1 * r;
    default:
      return F(19790, {
        direction: n.dir
      });
  }
}
class jt {
  constructor(e, t) {
    this.mapKeyFn = e, this.equalsFn = t, /**
     * The inner map for a key/value pair. Due to the possibility of collisions we
     * keep a list of entries that we do a linear search through to find an actual
     * match. Note that collisions should be rare, so we still expect near
     * constant time lookups in practice.
     */
    this.inner = {}, /** The number of entries stored in the map */
    this.innerSize = 0;
  }
  /** Get a value for this key, or undefined if it does not exist. */
  get(e) {
    const t = this.mapKeyFn(e), r = this.inner[t];
    if (r !== void 0) {
      for (const [s, o] of r) if (this.equalsFn(s, e)) return o;
    }
  }
  has(e) {
    return this.get(e) !== void 0;
  }
  /** Put this key and value in the map. */
  set(e, t) {
    const r = this.mapKeyFn(e), s = this.inner[r];
    if (s === void 0) return this.inner[r] = [[e, t]], void this.innerSize++;
    for (let o = 0; o < s.length; o++) if (this.equalsFn(s[o][0], e))
      return void (s[o] = [e, t]);
    s.push([e, t]), this.innerSize++;
  }
  /**
   * Remove this key from the map. Returns a boolean if anything was deleted.
   */
  delete(e) {
    const t = this.mapKeyFn(e), r = this.inner[t];
    if (r === void 0) return !1;
    for (let s = 0; s < r.length; s++) if (this.equalsFn(r[s][0], e)) return r.length === 1 ? delete this.inner[t] : r.splice(s, 1), this.innerSize--, !0;
    return !1;
  }
  forEach(e) {
    En(this.inner, ((t, r) => {
      for (const [s, o] of r) e(s, o);
    }));
  }
  isEmpty() {
    return Al(this.inner);
  }
  size() {
    return this.innerSize;
  }
}
const w_ = new te(O.comparator);
function It() {
  return w_;
}
const ql = new te(O.comparator);
function Hn(...n) {
  let e = ql;
  for (const t of n) e = e.insert(t.key, t);
  return e;
}
function v_(n) {
  let e = ql;
  return n.forEach(((t, r) => e = e.insert(t, r.overlayedDocument))), e;
}
function Vt() {
  return er();
}
function jl() {
  return er();
}
function er() {
  return new jt(((n) => n.toString()), ((n, e) => n.isEqual(e)));
}
const A_ = new ue(O.comparator);
function H(...n) {
  let e = A_;
  for (const t of n) e = e.add(t);
  return e;
}
const R_ = new ue(q);
function S_() {
  return R_;
}
function ho(n, e) {
  if (n.useProto3Json) {
    if (isNaN(e)) return {
      doubleValue: "NaN"
    };
    if (e === 1 / 0) return {
      doubleValue: "Infinity"
    };
    if (e === -1 / 0) return {
      doubleValue: "-Infinity"
    };
  }
  return {
    doubleValue: rs(e) ? "-0" : e
  };
}
function $l(n) {
  return {
    integerValue: "" + n
  };
}
function P_(n, e) {
  return Yg(e) ? $l(e) : ho(n, e);
}
class Ss {
  constructor() {
    this._ = void 0;
  }
}
function C_(n, e, t) {
  return n instanceof Ni ? (function(s, o) {
    const a = {
      fields: {
        [Pl]: {
          stringValue: Sl
        },
        [bl]: {
          timestampValue: {
            seconds: s.seconds,
            nanos: s.nanoseconds
          }
        }
      }
    };
    return o && ao(o) && (o = ws(o)), o && (a.fields[Cl] = o), {
      mapValue: a
    };
  })(t, e) : n instanceof cs ? Hl(n, e) : n instanceof us ? zl(n, e) : (function(s, o) {
    const a = k_(s, o), u = Lc(a) + Lc(s.Ae);
    return Ci(a) && Ci(s.Ae) ? $l(u) : ho(s.serializer, u);
  })(n, e);
}
function b_(n, e, t) {
  return n instanceof cs ? Hl(n, e) : n instanceof us ? zl(n, e) : t;
}
function k_(n, e) {
  return n instanceof Di ? (
    /** Returns true if `value` is either an IntegerValue or a DoubleValue. */
    (function(r) {
      return Ci(r) || (function(o) {
        return !!o && "doubleValue" in o;
      })(r);
    })(e) ? e : {
      integerValue: 0
    }
  ) : null;
}
class Ni extends Ss {
}
class cs extends Ss {
  constructor(e) {
    super(), this.elements = e;
  }
}
function Hl(n, e) {
  const t = Wl(e);
  for (const r of n.elements) t.some(((s) => ze(s, r))) || t.push(r);
  return {
    arrayValue: {
      values: t
    }
  };
}
class us extends Ss {
  constructor(e) {
    super(), this.elements = e;
  }
}
function zl(n, e) {
  let t = Wl(e);
  for (const r of n.elements) t = t.filter(((s) => !ze(s, r)));
  return {
    arrayValue: {
      values: t
    }
  };
}
class Di extends Ss {
  constructor(e, t) {
    super(), this.serializer = e, this.Ae = t;
  }
}
function Lc(n) {
  return ee(n.integerValue || n.doubleValue);
}
function Wl(n) {
  return co(n) && n.arrayValue.values ? n.arrayValue.values.slice() : [];
}
function V_(n, e) {
  return n.field.isEqual(e.field) && (function(r, s) {
    return r instanceof cs && s instanceof cs || r instanceof us && s instanceof us ? an(r.elements, s.elements, ze) : r instanceof Di && s instanceof Di ? ze(r.Ae, s.Ae) : r instanceof Ni && s instanceof Ni;
  })(n.transform, e.transform);
}
class Ot {
  constructor(e, t) {
    this.updateTime = e, this.exists = t;
  }
  /** Creates a new empty Precondition. */
  static none() {
    return new Ot();
  }
  /** Creates a new Precondition with an exists flag. */
  static exists(e) {
    return new Ot(void 0, e);
  }
  /** Creates a new Precondition based on a version a document exists at. */
  static updateTime(e) {
    return new Ot(e);
  }
  /** Returns whether this Precondition is empty. */
  get isNone() {
    return this.updateTime === void 0 && this.exists === void 0;
  }
  isEqual(e) {
    return this.exists === e.exists && (this.updateTime ? !!e.updateTime && this.updateTime.isEqual(e.updateTime) : !e.updateTime);
  }
}
function Wr(n, e) {
  return n.updateTime !== void 0 ? e.isFoundDocument() && e.version.isEqual(n.updateTime) : n.exists === void 0 || n.exists === e.isFoundDocument();
}
class fo {
}
function Gl(n, e) {
  if (!n.hasLocalMutations || e && e.fields.length === 0) return null;
  if (e === null) return n.isNoDocument() ? new D_(n.key, Ot.none()) : new po(n.key, n.data, Ot.none());
  {
    const t = n.data, r = qe.empty();
    let s = new ue(Ie.comparator);
    for (let o of e.fields) if (!s.has(o)) {
      let a = t.field(o);
      a === null && o.length > 1 && (o = o.popLast(), a = t.field(o)), a === null ? r.delete(o) : r.set(o, a), s = s.add(o);
    }
    return new Ps(n.key, r, new ut(s.toArray()), Ot.none());
  }
}
function N_(n, e, t) {
  n instanceof po ? (function(s, o, a) {
    const u = s.value.clone(), h = xc(s.fieldTransforms, o, a.transformResults);
    u.setAll(h), o.convertToFoundDocument(a.version, u).setHasCommittedMutations();
  })(n, e, t) : n instanceof Ps ? (function(s, o, a) {
    if (!Wr(s.precondition, o))
      return void o.convertToUnknownDocument(a.version);
    const u = xc(s.fieldTransforms, o, a.transformResults), h = o.data;
    h.setAll(Kl(s)), h.setAll(u), o.convertToFoundDocument(a.version, h).setHasCommittedMutations();
  })(n, e, t) : (function(s, o, a) {
    o.convertToNoDocument(a.version).setHasCommittedMutations();
  })(0, e, t);
}
function tr(n, e, t, r) {
  return n instanceof po ? (function(o, a, u, h) {
    if (!Wr(o.precondition, a))
      return u;
    const d = o.value.clone(), p = Fc(o.fieldTransforms, h, a);
    return d.setAll(p), a.convertToFoundDocument(a.version, d).setHasLocalMutations(), null;
  })(n, e, t, r) : n instanceof Ps ? (function(o, a, u, h) {
    if (!Wr(o.precondition, a)) return u;
    const d = Fc(o.fieldTransforms, h, a), p = a.data;
    return p.setAll(Kl(o)), p.setAll(d), a.convertToFoundDocument(a.version, p).setHasLocalMutations(), u === null ? null : u.unionWith(o.fieldMask.fields).unionWith(o.fieldTransforms.map(((I) => I.field)));
  })(n, e, t, r) : (function(o, a, u) {
    return Wr(o.precondition, a) ? (a.convertToNoDocument(a.version).setHasLocalMutations(), null) : u;
  })(n, e, t);
}
function Mc(n, e) {
  return n.type === e.type && !!n.key.isEqual(e.key) && !!n.precondition.isEqual(e.precondition) && !!(function(r, s) {
    return r === void 0 && s === void 0 || !(!r || !s) && an(r, s, ((o, a) => V_(o, a)));
  })(n.fieldTransforms, e.fieldTransforms) && (n.type === 0 ? n.value.isEqual(e.value) : n.type !== 1 || n.data.isEqual(e.data) && n.fieldMask.isEqual(e.fieldMask));
}
class po extends fo {
  constructor(e, t, r, s = []) {
    super(), this.key = e, this.value = t, this.precondition = r, this.fieldTransforms = s, this.type = 0;
  }
  getFieldMask() {
    return null;
  }
}
class Ps extends fo {
  constructor(e, t, r, s, o = []) {
    super(), this.key = e, this.data = t, this.fieldMask = r, this.precondition = s, this.fieldTransforms = o, this.type = 1;
  }
  getFieldMask() {
    return this.fieldMask;
  }
}
function Kl(n) {
  const e = /* @__PURE__ */ new Map();
  return n.fieldMask.fields.forEach(((t) => {
    if (!t.isEmpty()) {
      const r = n.data.field(t);
      e.set(t, r);
    }
  })), e;
}
function xc(n, e, t) {
  const r = /* @__PURE__ */ new Map();
  Y(n.length === t.length, 32656, {
    Ve: t.length,
    de: n.length
  });
  for (let s = 0; s < t.length; s++) {
    const o = n[s], a = o.transform, u = e.data.field(o.field);
    r.set(o.field, b_(a, u, t[s]));
  }
  return r;
}
function Fc(n, e, t) {
  const r = /* @__PURE__ */ new Map();
  for (const s of n) {
    const o = s.transform, a = t.data.field(s.field);
    r.set(s.field, C_(o, a, e));
  }
  return r;
}
class D_ extends fo {
  constructor(e, t) {
    super(), this.key = e, this.precondition = t, this.type = 2, this.fieldTransforms = [];
  }
  getFieldMask() {
    return null;
  }
}
class O_ {
  /**
   * @param batchId - The unique ID of this mutation batch.
   * @param localWriteTime - The original write time of this mutation.
   * @param baseMutations - Mutations that are used to populate the base
   * values when this mutation is applied locally. This can be used to locally
   * overwrite values that are persisted in the remote document cache. Base
   * mutations are never sent to the backend.
   * @param mutations - The user-provided mutations in this mutation batch.
   * User-provided mutations are applied both locally and remotely on the
   * backend.
   */
  constructor(e, t, r, s) {
    this.batchId = e, this.localWriteTime = t, this.baseMutations = r, this.mutations = s;
  }
  /**
   * Applies all the mutations in this MutationBatch to the specified document
   * to compute the state of the remote document
   *
   * @param document - The document to apply mutations to.
   * @param batchResult - The result of applying the MutationBatch to the
   * backend.
   */
  applyToRemoteDocument(e, t) {
    const r = t.mutationResults;
    for (let s = 0; s < this.mutations.length; s++) {
      const o = this.mutations[s];
      o.key.isEqual(e.key) && N_(o, e, r[s]);
    }
  }
  /**
   * Computes the local view of a document given all the mutations in this
   * batch.
   *
   * @param document - The document to apply mutations to.
   * @param mutatedFields - Fields that have been updated before applying this mutation batch.
   * @returns A `FieldMask` representing all the fields that are mutated.
   */
  applyToLocalView(e, t) {
    for (const r of this.baseMutations) r.key.isEqual(e.key) && (t = tr(r, e, t, this.localWriteTime));
    for (const r of this.mutations) r.key.isEqual(e.key) && (t = tr(r, e, t, this.localWriteTime));
    return t;
  }
  /**
   * Computes the local view for all provided documents given the mutations in
   * this batch. Returns a `DocumentKey` to `Mutation` map which can be used to
   * replace all the mutation applications.
   */
  applyToLocalDocumentSet(e, t) {
    const r = jl();
    return this.mutations.forEach(((s) => {
      const o = e.get(s.key), a = o.overlayedDocument;
      let u = this.applyToLocalView(a, o.mutatedFields);
      u = t.has(s.key) ? null : u;
      const h = Gl(a, u);
      h !== null && r.set(s.key, h), a.isValidDocument() || a.convertToNoDocument(x.min());
    })), r;
  }
  keys() {
    return this.mutations.reduce(((e, t) => e.add(t.key)), H());
  }
  isEqual(e) {
    return this.batchId === e.batchId && an(this.mutations, e.mutations, ((t, r) => Mc(t, r))) && an(this.baseMutations, e.baseMutations, ((t, r) => Mc(t, r)));
  }
}
class L_ {
  constructor(e, t) {
    this.largestBatchId = e, this.mutation = t;
  }
  getKey() {
    return this.mutation.key;
  }
  isEqual(e) {
    return e !== null && this.mutation === e.mutation;
  }
  toString() {
    return `Overlay{
      largestBatchId: ${this.largestBatchId},
      mutation: ${this.mutation.toString()}
    }`;
  }
}
class M_ {
  constructor(e, t) {
    this.count = e, this.unchangedNames = t;
  }
}
var ne, j;
function Ql(n) {
  if (n === void 0)
    return Je("GRPC error has no .code"), P.UNKNOWN;
  switch (n) {
    case ne.OK:
      return P.OK;
    case ne.CANCELLED:
      return P.CANCELLED;
    case ne.UNKNOWN:
      return P.UNKNOWN;
    case ne.DEADLINE_EXCEEDED:
      return P.DEADLINE_EXCEEDED;
    case ne.RESOURCE_EXHAUSTED:
      return P.RESOURCE_EXHAUSTED;
    case ne.INTERNAL:
      return P.INTERNAL;
    case ne.UNAVAILABLE:
      return P.UNAVAILABLE;
    case ne.UNAUTHENTICATED:
      return P.UNAUTHENTICATED;
    case ne.INVALID_ARGUMENT:
      return P.INVALID_ARGUMENT;
    case ne.NOT_FOUND:
      return P.NOT_FOUND;
    case ne.ALREADY_EXISTS:
      return P.ALREADY_EXISTS;
    case ne.PERMISSION_DENIED:
      return P.PERMISSION_DENIED;
    case ne.FAILED_PRECONDITION:
      return P.FAILED_PRECONDITION;
    case ne.ABORTED:
      return P.ABORTED;
    case ne.OUT_OF_RANGE:
      return P.OUT_OF_RANGE;
    case ne.UNIMPLEMENTED:
      return P.UNIMPLEMENTED;
    case ne.DATA_LOSS:
      return P.DATA_LOSS;
    default:
      return F(39323, {
        code: n
      });
  }
}
(j = ne || (ne = {}))[j.OK = 0] = "OK", j[j.CANCELLED = 1] = "CANCELLED", j[j.UNKNOWN = 2] = "UNKNOWN", j[j.INVALID_ARGUMENT = 3] = "INVALID_ARGUMENT", j[j.DEADLINE_EXCEEDED = 4] = "DEADLINE_EXCEEDED", j[j.NOT_FOUND = 5] = "NOT_FOUND", j[j.ALREADY_EXISTS = 6] = "ALREADY_EXISTS", j[j.PERMISSION_DENIED = 7] = "PERMISSION_DENIED", j[j.UNAUTHENTICATED = 16] = "UNAUTHENTICATED", j[j.RESOURCE_EXHAUSTED = 8] = "RESOURCE_EXHAUSTED", j[j.FAILED_PRECONDITION = 9] = "FAILED_PRECONDITION", j[j.ABORTED = 10] = "ABORTED", j[j.OUT_OF_RANGE = 11] = "OUT_OF_RANGE", j[j.UNIMPLEMENTED = 12] = "UNIMPLEMENTED", j[j.INTERNAL = 13] = "INTERNAL", j[j.UNAVAILABLE = 14] = "UNAVAILABLE", j[j.DATA_LOSS = 15] = "DATA_LOSS";
function x_() {
  return new TextEncoder();
}
const F_ = new pt([4294967295, 4294967295], 0);
function Uc(n) {
  const e = x_().encode(n), t = new fl();
  return t.update(e), new Uint8Array(t.digest());
}
function Bc(n) {
  const e = new DataView(n.buffer), t = e.getUint32(
    0,
    /* littleEndian= */
    !0
  ), r = e.getUint32(
    4,
    /* littleEndian= */
    !0
  ), s = e.getUint32(
    8,
    /* littleEndian= */
    !0
  ), o = e.getUint32(
    12,
    /* littleEndian= */
    !0
  );
  return [new pt([t, r], 0), new pt([s, o], 0)];
}
class mo {
  constructor(e, t, r) {
    if (this.bitmap = e, this.padding = t, this.hashCount = r, t < 0 || t >= 8) throw new zn(`Invalid padding: ${t}`);
    if (r < 0) throw new zn(`Invalid hash count: ${r}`);
    if (e.length > 0 && this.hashCount === 0)
      throw new zn(`Invalid hash count: ${r}`);
    if (e.length === 0 && t !== 0)
      throw new zn(`Invalid padding when bitmap length is 0: ${t}`);
    this.ge = 8 * e.length - t, // Set the bit count in Integer to avoid repetition in mightContain().
    this.pe = pt.fromNumber(this.ge);
  }
  // Calculate the ith hash value based on the hashed 64bit integers,
  // and calculate its corresponding bit index in the bitmap to be checked.
  ye(e, t, r) {
    let s = e.add(t.multiply(pt.fromNumber(r)));
    return s.compare(F_) === 1 && (s = new pt([s.getBits(0), s.getBits(1)], 0)), s.modulo(this.pe).toNumber();
  }
  // Return whether the bit on the given index in the bitmap is set to 1.
  we(e) {
    return !!(this.bitmap[Math.floor(e / 8)] & 1 << e % 8);
  }
  mightContain(e) {
    if (this.ge === 0) return !1;
    const t = Uc(e), [r, s] = Bc(t);
    for (let o = 0; o < this.hashCount; o++) {
      const a = this.ye(r, s, o);
      if (!this.we(a)) return !1;
    }
    return !0;
  }
  /** Create bloom filter for testing purposes only. */
  static create(e, t, r) {
    const s = e % 8 == 0 ? 0 : 8 - e % 8, o = new Uint8Array(Math.ceil(e / 8)), a = new mo(o, s, t);
    return r.forEach(((u) => a.insert(u))), a;
  }
  insert(e) {
    if (this.ge === 0) return;
    const t = Uc(e), [r, s] = Bc(t);
    for (let o = 0; o < this.hashCount; o++) {
      const a = this.ye(r, s, o);
      this.be(a);
    }
  }
  be(e) {
    const t = Math.floor(e / 8), r = e % 8;
    this.bitmap[t] |= 1 << r;
  }
}
class zn extends Error {
  constructor() {
    super(...arguments), this.name = "BloomFilterError";
  }
}
class Cs {
  constructor(e, t, r, s, o) {
    this.snapshotVersion = e, this.targetChanges = t, this.targetMismatches = r, this.documentUpdates = s, this.resolvedLimboDocuments = o;
  }
  /**
   * HACK: Views require RemoteEvents in order to determine whether the view is
   * CURRENT, but secondary tabs don't receive remote events. So this method is
   * used to create a synthesized RemoteEvent that can be used to apply a
   * CURRENT status change to a View, for queries executed in a different tab.
   */
  // PORTING NOTE: Multi-tab only
  static createSynthesizedRemoteEventForCurrentChange(e, t, r) {
    const s = /* @__PURE__ */ new Map();
    return s.set(e, gr.createSynthesizedTargetChangeForCurrentChange(e, t, r)), new Cs(x.min(), s, new te(q), It(), H());
  }
}
class gr {
  constructor(e, t, r, s, o) {
    this.resumeToken = e, this.current = t, this.addedDocuments = r, this.modifiedDocuments = s, this.removedDocuments = o;
  }
  /**
   * This method is used to create a synthesized TargetChanges that can be used to
   * apply a CURRENT status change to a View (for queries executed in a different
   * tab) or for new queries (to raise snapshots with correct CURRENT status).
   */
  static createSynthesizedTargetChangeForCurrentChange(e, t, r) {
    return new gr(r, t, H(), H(), H());
  }
}
class Gr {
  constructor(e, t, r, s) {
    this.Se = e, this.removedTargetIds = t, this.key = r, this.De = s;
  }
}
class Jl {
  constructor(e, t) {
    this.targetId = e, this.Ce = t;
  }
}
class Yl {
  constructor(e, t, r = pe.EMPTY_BYTE_STRING, s = null) {
    this.state = e, this.targetIds = t, this.resumeToken = r, this.cause = s;
  }
}
class qc {
  constructor() {
    this.ve = 0, /**
     * Keeps track of the document changes since the last raised snapshot.
     *
     * These changes are continuously updated as we receive document updates and
     * always reflect the current set of changes against the last issued snapshot.
     */
    this.Fe = jc(), /** See public getters for explanations of these fields. */
    this.Me = pe.EMPTY_BYTE_STRING, this.xe = !1, /**
     * Whether this target state should be included in the next snapshot. We
     * initialize to true so that newly-added targets are included in the next
     * RemoteEvent.
     */
    this.Oe = !0;
  }
  /**
   * Whether this target has been marked 'current'.
   *
   * 'Current' has special meaning in the RPC protocol: It implies that the
   * Watch backend has sent us all changes up to the point at which the target
   * was added and that the target is consistent with the rest of the watch
   * stream.
   */
  get current() {
    return this.xe;
  }
  /** The last resume token sent to us for this target. */
  get resumeToken() {
    return this.Me;
  }
  /** Whether this target has pending target adds or target removes. */
  get Ne() {
    return this.ve !== 0;
  }
  /** Whether we have modified any state that should trigger a snapshot. */
  get Be() {
    return this.Oe;
  }
  /**
   * Applies the resume token to the TargetChange, but only when it has a new
   * value. Empty resumeTokens are discarded.
   */
  Le(e) {
    e.approximateByteSize() > 0 && (this.Oe = !0, this.Me = e);
  }
  /**
   * Creates a target change from the current set of changes.
   *
   * To reset the document changes after raising this snapshot, call
   * `clearPendingChanges()`.
   */
  ke() {
    let e = H(), t = H(), r = H();
    return this.Fe.forEach(((s, o) => {
      switch (o) {
        case 0:
          e = e.add(s);
          break;
        case 2:
          t = t.add(s);
          break;
        case 1:
          r = r.add(s);
          break;
        default:
          F(38017, {
            changeType: o
          });
      }
    })), new gr(this.Me, this.xe, e, t, r);
  }
  /**
   * Resets the document changes and sets `hasPendingChanges` to false.
   */
  Ke() {
    this.Oe = !1, this.Fe = jc();
  }
  qe(e, t) {
    this.Oe = !0, this.Fe = this.Fe.insert(e, t);
  }
  Ue(e) {
    this.Oe = !0, this.Fe = this.Fe.remove(e);
  }
  $e() {
    this.ve += 1;
  }
  We() {
    this.ve -= 1, Y(this.ve >= 0, 3241, {
      ve: this.ve
    });
  }
  Qe() {
    this.Oe = !0, this.xe = !0;
  }
}
class U_ {
  constructor(e) {
    this.Ge = e, /** The internal state of all tracked targets. */
    this.ze = /* @__PURE__ */ new Map(), /** Keeps track of the documents to update since the last raised snapshot. */
    this.je = It(), this.He = Fr(), /** A mapping of document keys to their set of target IDs. */
    this.Je = Fr(), /**
     * A map of targets with existence filter mismatches. These targets are
     * known to be inconsistent and their listens needs to be re-established by
     * RemoteStore.
     */
    this.Ze = new te(q);
  }
  /**
   * Processes and adds the DocumentWatchChange to the current set of changes.
   */
  Xe(e) {
    for (const t of e.Se) e.De && e.De.isFoundDocument() ? this.Ye(t, e.De) : this.et(t, e.key, e.De);
    for (const t of e.removedTargetIds) this.et(t, e.key, e.De);
  }
  /** Processes and adds the WatchTargetChange to the current set of changes. */
  tt(e) {
    this.forEachTarget(e, ((t) => {
      const r = this.nt(t);
      switch (e.state) {
        case 0:
          this.rt(t) && r.Le(e.resumeToken);
          break;
        case 1:
          r.We(), r.Ne || // We have a freshly added target, so we need to reset any state
          // that we had previously. This can happen e.g. when remove and add
          // back a target for existence filter mismatches.
          r.Ke(), r.Le(e.resumeToken);
          break;
        case 2:
          r.We(), r.Ne || this.removeTarget(t);
          break;
        case 3:
          this.rt(t) && (r.Qe(), r.Le(e.resumeToken));
          break;
        case 4:
          this.rt(t) && // Reset the target and synthesizes removes for all existing
          // documents. The backend will re-add any documents that still
          // match the target before it sends the next global snapshot.
          (this.it(t), r.Le(e.resumeToken));
          break;
        default:
          F(56790, {
            state: e.state
          });
      }
    }));
  }
  /**
   * Iterates over all targetIds that the watch change applies to: either the
   * targetIds explicitly listed in the change or the targetIds of all currently
   * active targets.
   */
  forEachTarget(e, t) {
    e.targetIds.length > 0 ? e.targetIds.forEach(t) : this.ze.forEach(((r, s) => {
      this.rt(s) && t(s);
    }));
  }
  /**
   * Handles existence filters and synthesizes deletes for filter mismatches.
   * Targets that are invalidated by filter mismatches are added to
   * `pendingTargetResets`.
   */
  st(e) {
    const t = e.targetId, r = e.Ce.count, s = this.ot(t);
    if (s) {
      const o = s.target;
      if (ki(o)) if (r === 0) {
        const a = new O(o.path);
        this.et(t, a, Ee.newNoDocument(a, x.min()));
      } else Y(r === 1, 20013, {
        expectedCount: r
      });
      else {
        const a = this._t(t);
        if (a !== r) {
          const u = this.ut(e), h = u ? this.ct(u, e, a) : 1;
          if (h !== 0) {
            this.it(t);
            const d = h === 2 ? "TargetPurposeExistenceFilterMismatchBloom" : "TargetPurposeExistenceFilterMismatch";
            this.Ze = this.Ze.insert(t, d);
          }
        }
      }
    }
  }
  /**
   * Parse the bloom filter from the "unchanged_names" field of an existence
   * filter.
   */
  ut(e) {
    const t = e.Ce.unchangedNames;
    if (!t || !t.bits) return null;
    const { bits: { bitmap: r = "", padding: s = 0 }, hashCount: o = 0 } = t;
    let a, u;
    try {
      a = yt(r).toUint8Array();
    } catch (h) {
      if (h instanceof Rl) return qt("Decoding the base64 bloom filter in existence filter failed (" + h.message + "); ignoring the bloom filter and falling back to full re-query."), null;
      throw h;
    }
    try {
      u = new mo(a, s, o);
    } catch (h) {
      return qt(h instanceof zn ? "BloomFilter error: " : "Applying bloom filter failed: ", h), null;
    }
    return u.ge === 0 ? null : u;
  }
  /**
   * Apply bloom filter to remove the deleted documents, and return the
   * application status.
   */
  ct(e, t, r) {
    return t.Ce.count === r - this.Pt(e, t.targetId) ? 0 : 2;
  }
  /**
   * Filter out removed documents based on bloom filter membership result and
   * return number of documents removed.
   */
  Pt(e, t) {
    const r = this.Ge.getRemoteKeysForTarget(t);
    let s = 0;
    return r.forEach(((o) => {
      const a = this.Ge.ht(), u = `projects/${a.projectId}/databases/${a.database}/documents/${o.path.canonicalString()}`;
      e.mightContain(u) || (this.et(
        t,
        o,
        /*updatedDocument=*/
        null
      ), s++);
    })), s;
  }
  /**
   * Converts the currently accumulated state into a remote event at the
   * provided snapshot version. Resets the accumulated changes before returning.
   */
  Tt(e) {
    const t = /* @__PURE__ */ new Map();
    this.ze.forEach(((o, a) => {
      const u = this.ot(a);
      if (u) {
        if (o.current && ki(u.target)) {
          const h = new O(u.target.path);
          this.It(h).has(a) || this.Et(a, h) || this.et(a, h, Ee.newNoDocument(h, e));
        }
        o.Be && (t.set(a, o.ke()), o.Ke());
      }
    }));
    let r = H();
    this.Je.forEach(((o, a) => {
      let u = !0;
      a.forEachWhile(((h) => {
        const d = this.ot(h);
        return !d || d.purpose === "TargetPurposeLimboResolution" || (u = !1, !1);
      })), u && (r = r.add(o));
    })), this.je.forEach(((o, a) => a.setReadTime(e)));
    const s = new Cs(e, t, this.Ze, this.je, r);
    return this.je = It(), this.He = Fr(), this.Je = Fr(), this.Ze = new te(q), s;
  }
  /**
   * Adds the provided document to the internal list of document updates and
   * its document key to the given target's mapping.
   */
  // Visible for testing.
  Ye(e, t) {
    if (!this.rt(e)) return;
    const r = this.Et(e, t.key) ? 2 : 0;
    this.nt(e).qe(t.key, r), this.je = this.je.insert(t.key, t), this.He = this.He.insert(t.key, this.It(t.key).add(e)), this.Je = this.Je.insert(t.key, this.Rt(t.key).add(e));
  }
  /**
   * Removes the provided document from the target mapping. If the
   * document no longer matches the target, but the document's state is still
   * known (e.g. we know that the document was deleted or we received the change
   * that caused the filter mismatch), the new document can be provided
   * to update the remote document cache.
   */
  // Visible for testing.
  et(e, t, r) {
    if (!this.rt(e)) return;
    const s = this.nt(e);
    this.Et(e, t) ? s.qe(
      t,
      1
      /* ChangeType.Removed */
    ) : (
      // The document may have entered and left the target before we raised a
      // snapshot, so we can just ignore the change.
      s.Ue(t)
    ), this.Je = this.Je.insert(t, this.Rt(t).delete(e)), this.Je = this.Je.insert(t, this.Rt(t).add(e)), r && (this.je = this.je.insert(t, r));
  }
  removeTarget(e) {
    this.ze.delete(e);
  }
  /**
   * Returns the current count of documents in the target. This includes both
   * the number of documents that the LocalStore considers to be part of the
   * target as well as any accumulated changes.
   */
  _t(e) {
    const t = this.nt(e).ke();
    return this.Ge.getRemoteKeysForTarget(e).size + t.addedDocuments.size - t.removedDocuments.size;
  }
  /**
   * Increment the number of acks needed from watch before we can consider the
   * server to be 'in-sync' with the client's active targets.
   */
  $e(e) {
    this.nt(e).$e();
  }
  nt(e) {
    let t = this.ze.get(e);
    return t || (t = new qc(), this.ze.set(e, t)), t;
  }
  Rt(e) {
    let t = this.Je.get(e);
    return t || (t = new ue(q), this.Je = this.Je.insert(e, t)), t;
  }
  It(e) {
    let t = this.He.get(e);
    return t || (t = new ue(q), this.He = this.He.insert(e, t)), t;
  }
  /**
   * Verifies that the user is still interested in this target (by calling
   * `getTargetDataForTarget()`) and that we are not waiting for pending ADDs
   * from watch.
   */
  rt(e) {
    const t = this.ot(e) !== null;
    return t || N("WatchChangeAggregator", "Detected inactive target", e), t;
  }
  /**
   * Returns the TargetData for an active target (i.e. a target that the user
   * is still interested in that has no outstanding target change requests).
   */
  ot(e) {
    const t = this.ze.get(e);
    return t && t.Ne ? null : this.Ge.At(e);
  }
  /**
   * Resets the state of a Watch target to its initial state (e.g. sets
   * 'current' to false, clears the resume token and removes its target mapping
   * from all documents).
   */
  it(e) {
    this.ze.set(e, new qc()), this.Ge.getRemoteKeysForTarget(e).forEach(((t) => {
      this.et(
        e,
        t,
        /*updatedDocument=*/
        null
      );
    }));
  }
  /**
   * Returns whether the LocalStore considers the document to be part of the
   * specified target.
   */
  Et(e, t) {
    return this.Ge.getRemoteKeysForTarget(e).has(t);
  }
}
function Fr() {
  return new te(O.comparator);
}
function jc() {
  return new te(O.comparator);
}
const B_ = {
  asc: "ASCENDING",
  desc: "DESCENDING"
}, q_ = {
  "<": "LESS_THAN",
  "<=": "LESS_THAN_OR_EQUAL",
  ">": "GREATER_THAN",
  ">=": "GREATER_THAN_OR_EQUAL",
  "==": "EQUAL",
  "!=": "NOT_EQUAL",
  "array-contains": "ARRAY_CONTAINS",
  in: "IN",
  "not-in": "NOT_IN",
  "array-contains-any": "ARRAY_CONTAINS_ANY"
}, j_ = {
  and: "AND",
  or: "OR"
};
class $_ {
  constructor(e, t) {
    this.databaseId = e, this.useProto3Json = t;
  }
}
function Oi(n, e) {
  return n.useProto3Json || Ts(e) ? e : {
    value: e
  };
}
function Li(n, e) {
  return n.useProto3Json ? `${new Date(1e3 * e.seconds).toISOString().replace(/\.\d*/, "").replace("Z", "")}.${("000000000" + e.nanoseconds).slice(-9)}Z` : {
    seconds: "" + e.seconds,
    nanos: e.nanoseconds
  };
}
function Xl(n, e) {
  return n.useProto3Json ? e.toBase64() : e.toUint8Array();
}
function tn(n) {
  return Y(!!n, 49232), x.fromTimestamp((function(t) {
    const r = _t(t);
    return new J(r.seconds, r.nanos);
  })(n));
}
function Zl(n, e) {
  return Mi(n, e).canonicalString();
}
function Mi(n, e) {
  const t = (function(s) {
    return new K(["projects", s.projectId, "databases", s.database]);
  })(n).child("documents");
  return e === void 0 ? t : t.child(e);
}
function eh(n) {
  const e = K.fromString(n);
  return Y(ih(e), 10190, {
    key: e.toString()
  }), e;
}
function fi(n, e) {
  const t = eh(e);
  if (t.get(1) !== n.databaseId.projectId) throw new V(P.INVALID_ARGUMENT, "Tried to deserialize key from different project: " + t.get(1) + " vs " + n.databaseId.projectId);
  if (t.get(3) !== n.databaseId.database) throw new V(P.INVALID_ARGUMENT, "Tried to deserialize key from different database: " + t.get(3) + " vs " + n.databaseId.database);
  return new O(nh(t));
}
function th(n, e) {
  return Zl(n.databaseId, e);
}
function H_(n) {
  const e = eh(n);
  return e.length === 4 ? K.emptyPath() : nh(e);
}
function $c(n) {
  return new K(["projects", n.databaseId.projectId, "databases", n.databaseId.database]).canonicalString();
}
function nh(n) {
  return Y(n.length > 4 && n.get(4) === "documents", 29091, {
    key: n.toString()
  }), n.popFirst(5);
}
function z_(n, e) {
  let t;
  if ("targetChange" in e) {
    e.targetChange;
    const r = (function(d) {
      return d === "NO_CHANGE" ? 0 : d === "ADD" ? 1 : d === "REMOVE" ? 2 : d === "CURRENT" ? 3 : d === "RESET" ? 4 : F(39313, {
        state: d
      });
    })(e.targetChange.targetChangeType || "NO_CHANGE"), s = e.targetChange.targetIds || [], o = (function(d, p) {
      return d.useProto3Json ? (Y(p === void 0 || typeof p == "string", 58123), pe.fromBase64String(p || "")) : (Y(p === void 0 || // Check if the value is an instance of both Buffer and Uint8Array,
      // despite the fact that Buffer extends Uint8Array. In some
      // environments, such as jsdom, the prototype chain of Buffer
      // does not indicate that it extends Uint8Array.
      p instanceof Buffer || p instanceof Uint8Array, 16193), pe.fromUint8Array(p || new Uint8Array()));
    })(n, e.targetChange.resumeToken), a = e.targetChange.cause, u = a && (function(d) {
      const p = d.code === void 0 ? P.UNKNOWN : Ql(d.code);
      return new V(p, d.message || "");
    })(a);
    t = new Yl(r, s, o, u || null);
  } else if ("documentChange" in e) {
    e.documentChange;
    const r = e.documentChange;
    r.document, r.document.name, r.document.updateTime;
    const s = fi(n, r.document.name), o = tn(r.document.updateTime), a = r.document.createTime ? tn(r.document.createTime) : x.min(), u = new qe({
      mapValue: {
        fields: r.document.fields
      }
    }), h = Ee.newFoundDocument(s, o, a, u), d = r.targetIds || [], p = r.removedTargetIds || [];
    t = new Gr(d, p, h.key, h);
  } else if ("documentDelete" in e) {
    e.documentDelete;
    const r = e.documentDelete;
    r.document;
    const s = fi(n, r.document), o = r.readTime ? tn(r.readTime) : x.min(), a = Ee.newNoDocument(s, o), u = r.removedTargetIds || [];
    t = new Gr([], u, a.key, a);
  } else if ("documentRemove" in e) {
    e.documentRemove;
    const r = e.documentRemove;
    r.document;
    const s = fi(n, r.document), o = r.removedTargetIds || [];
    t = new Gr([], o, s, null);
  } else {
    if (!("filter" in e)) return F(11601, {
      Vt: e
    });
    {
      e.filter;
      const r = e.filter;
      r.targetId;
      const { count: s = 0, unchangedNames: o } = r, a = new M_(s, o), u = r.targetId;
      t = new Jl(u, a);
    }
  }
  return t;
}
function W_(n, e) {
  return {
    documents: [th(n, e.path)]
  };
}
function G_(n, e) {
  const t = {
    structuredQuery: {}
  }, r = e.path;
  let s;
  e.collectionGroup !== null ? (s = r, t.structuredQuery.from = [{
    collectionId: e.collectionGroup,
    allDescendants: !0
  }]) : (s = r.popLast(), t.structuredQuery.from = [{
    collectionId: r.lastSegment()
  }]), t.parent = th(n, s);
  const o = (function(d) {
    if (d.length !== 0)
      return sh(xe.create(
        d,
        "and"
        /* CompositeOperator.AND */
      ));
  })(e.filters);
  o && (t.structuredQuery.where = o);
  const a = (function(d) {
    if (d.length !== 0)
      return d.map(((p) => (
        // visible for testing
        (function(A) {
          return {
            field: Kt(A.field),
            direction: J_(A.dir)
          };
        })(p)
      )));
  })(e.orderBy);
  a && (t.structuredQuery.orderBy = a);
  const u = Oi(n, e.limit);
  return u !== null && (t.structuredQuery.limit = u), e.startAt && (t.structuredQuery.startAt = (function(d) {
    return {
      before: d.inclusive,
      values: d.position
    };
  })(e.startAt)), e.endAt && (t.structuredQuery.endAt = (function(d) {
    return {
      before: !d.inclusive,
      values: d.position
    };
  })(e.endAt)), {
    ft: t,
    parent: s
  };
}
function K_(n) {
  let e = H_(n.parent);
  const t = n.structuredQuery, r = t.from ? t.from.length : 0;
  let s = null;
  if (r > 0) {
    Y(r === 1, 65062);
    const p = t.from[0];
    p.allDescendants ? s = p.collectionId : e = e.child(p.collectionId);
  }
  let o = [];
  t.where && (o = (function(I) {
    const A = rh(I);
    return A instanceof xe && Ol(A) ? A.getFilters() : [A];
  })(t.where));
  let a = [];
  t.orderBy && (a = (function(I) {
    return I.map(((A) => (function(D) {
      return new ur(
        Qt(D.field),
        // visible for testing
        (function(L) {
          switch (L) {
            case "ASCENDING":
              return "asc";
            case "DESCENDING":
              return "desc";
            default:
              return;
          }
        })(D.direction)
      );
    })(A)));
  })(t.orderBy));
  let u = null;
  t.limit && (u = (function(I) {
    let A;
    return A = typeof I == "object" ? I.value : I, Ts(A) ? null : A;
  })(t.limit));
  let h = null;
  t.startAt && (h = (function(I) {
    const A = !!I.before, C = I.values || [];
    return new os(C, A);
  })(t.startAt));
  let d = null;
  return t.endAt && (d = (function(I) {
    const A = !I.before, C = I.values || [];
    return new os(C, A);
  })(t.endAt)), g_(e, s, a, o, u, "F", h, d);
}
function Q_(n, e) {
  const t = (function(s) {
    switch (s) {
      case "TargetPurposeListen":
        return null;
      case "TargetPurposeExistenceFilterMismatch":
        return "existence-filter-mismatch";
      case "TargetPurposeExistenceFilterMismatchBloom":
        return "existence-filter-mismatch-bloom";
      case "TargetPurposeLimboResolution":
        return "limbo-document";
      default:
        return F(28987, {
          purpose: s
        });
    }
  })(e.purpose);
  return t == null ? null : {
    "goog-listen-tags": t
  };
}
function rh(n) {
  return n.unaryFilter !== void 0 ? (function(t) {
    switch (t.unaryFilter.op) {
      case "IS_NAN":
        const r = Qt(t.unaryFilter.field);
        return se.create(r, "==", {
          doubleValue: NaN
        });
      case "IS_NULL":
        const s = Qt(t.unaryFilter.field);
        return se.create(s, "==", {
          nullValue: "NULL_VALUE"
        });
      case "IS_NOT_NAN":
        const o = Qt(t.unaryFilter.field);
        return se.create(o, "!=", {
          doubleValue: NaN
        });
      case "IS_NOT_NULL":
        const a = Qt(t.unaryFilter.field);
        return se.create(a, "!=", {
          nullValue: "NULL_VALUE"
        });
      case "OPERATOR_UNSPECIFIED":
        return F(61313);
      default:
        return F(60726);
    }
  })(n) : n.fieldFilter !== void 0 ? (function(t) {
    return se.create(Qt(t.fieldFilter.field), (function(s) {
      switch (s) {
        case "EQUAL":
          return "==";
        case "NOT_EQUAL":
          return "!=";
        case "GREATER_THAN":
          return ">";
        case "GREATER_THAN_OR_EQUAL":
          return ">=";
        case "LESS_THAN":
          return "<";
        case "LESS_THAN_OR_EQUAL":
          return "<=";
        case "ARRAY_CONTAINS":
          return "array-contains";
        case "IN":
          return "in";
        case "NOT_IN":
          return "not-in";
        case "ARRAY_CONTAINS_ANY":
          return "array-contains-any";
        case "OPERATOR_UNSPECIFIED":
          return F(58110);
        default:
          return F(50506);
      }
    })(t.fieldFilter.op), t.fieldFilter.value);
  })(n) : n.compositeFilter !== void 0 ? (function(t) {
    return xe.create(t.compositeFilter.filters.map(((r) => rh(r))), (function(s) {
      switch (s) {
        case "AND":
          return "and";
        case "OR":
          return "or";
        default:
          return F(1026);
      }
    })(t.compositeFilter.op));
  })(n) : F(30097, {
    filter: n
  });
}
function J_(n) {
  return B_[n];
}
function Y_(n) {
  return q_[n];
}
function X_(n) {
  return j_[n];
}
function Kt(n) {
  return {
    fieldPath: n.canonicalString()
  };
}
function Qt(n) {
  return Ie.fromServerFormat(n.fieldPath);
}
function sh(n) {
  return n instanceof se ? (function(t) {
    if (t.op === "==") {
      if (kc(t.value)) return {
        unaryFilter: {
          field: Kt(t.field),
          op: "IS_NAN"
        }
      };
      if (bc(t.value)) return {
        unaryFilter: {
          field: Kt(t.field),
          op: "IS_NULL"
        }
      };
    } else if (t.op === "!=") {
      if (kc(t.value)) return {
        unaryFilter: {
          field: Kt(t.field),
          op: "IS_NOT_NAN"
        }
      };
      if (bc(t.value)) return {
        unaryFilter: {
          field: Kt(t.field),
          op: "IS_NOT_NULL"
        }
      };
    }
    return {
      fieldFilter: {
        field: Kt(t.field),
        op: Y_(t.op),
        value: t.value
      }
    };
  })(n) : n instanceof xe ? (function(t) {
    const r = t.getFilters().map(((s) => sh(s)));
    return r.length === 1 ? r[0] : {
      compositeFilter: {
        op: X_(t.op),
        filters: r
      }
    };
  })(n) : F(54877, {
    filter: n
  });
}
function ih(n) {
  return n.length >= 4 && n.get(0) === "projects" && n.get(2) === "databases";
}
function oh(n) {
  return !!n && typeof n._toProto == "function" && n._protoValueType === "ProtoValue";
}
class lt {
  constructor(e, t, r, s, o = x.min(), a = x.min(), u = pe.EMPTY_BYTE_STRING, h = null) {
    this.target = e, this.targetId = t, this.purpose = r, this.sequenceNumber = s, this.snapshotVersion = o, this.lastLimboFreeSnapshotVersion = a, this.resumeToken = u, this.expectedCount = h;
  }
  /** Creates a new target data instance with an updated sequence number. */
  withSequenceNumber(e) {
    return new lt(this.target, this.targetId, this.purpose, e, this.snapshotVersion, this.lastLimboFreeSnapshotVersion, this.resumeToken, this.expectedCount);
  }
  /**
   * Creates a new target data instance with an updated resume token and
   * snapshot version.
   */
  withResumeToken(e, t) {
    return new lt(
      this.target,
      this.targetId,
      this.purpose,
      this.sequenceNumber,
      t,
      this.lastLimboFreeSnapshotVersion,
      e,
      /* expectedCount= */
      null
    );
  }
  /**
   * Creates a new target data instance with an updated expected count.
   */
  withExpectedCount(e) {
    return new lt(this.target, this.targetId, this.purpose, this.sequenceNumber, this.snapshotVersion, this.lastLimboFreeSnapshotVersion, this.resumeToken, e);
  }
  /**
   * Creates a new target data instance with an updated last limbo free
   * snapshot version number.
   */
  withLastLimboFreeSnapshotVersion(e) {
    return new lt(this.target, this.targetId, this.purpose, this.sequenceNumber, this.snapshotVersion, e, this.resumeToken, this.expectedCount);
  }
}
class Z_ {
  constructor(e) {
    this.yt = e;
  }
}
function ey(n) {
  const e = K_({
    parent: n.parent,
    structuredQuery: n.structuredQuery
  });
  return n.limitType === "LAST" ? as(
    e,
    e.limit,
    "L"
    /* LimitType.Last */
  ) : e;
}
class ty {
  constructor() {
    this.Sn = new ny();
  }
  addToCollectionParentIndex(e, t) {
    return this.Sn.add(t), S.resolve();
  }
  getCollectionParents(e, t) {
    return S.resolve(this.Sn.getEntries(t));
  }
  addFieldIndex(e, t) {
    return S.resolve();
  }
  deleteFieldIndex(e, t) {
    return S.resolve();
  }
  deleteAllFieldIndexes(e) {
    return S.resolve();
  }
  createTargetIndexes(e, t) {
    return S.resolve();
  }
  getDocumentsMatchingTarget(e, t) {
    return S.resolve(null);
  }
  getIndexType(e, t) {
    return S.resolve(
      0
      /* IndexType.NONE */
    );
  }
  getFieldIndexes(e, t) {
    return S.resolve([]);
  }
  getNextCollectionGroupToUpdate(e) {
    return S.resolve(null);
  }
  getMinOffset(e, t) {
    return S.resolve(gt.min());
  }
  getMinOffsetFromCollectionGroup(e, t) {
    return S.resolve(gt.min());
  }
  updateCollectionGroup(e, t, r) {
    return S.resolve();
  }
  updateIndexEntries(e, t) {
    return S.resolve();
  }
}
class ny {
  constructor() {
    this.index = {};
  }
  // Returns false if the entry already existed.
  add(e) {
    const t = e.lastSegment(), r = e.popLast(), s = this.index[t] || new ue(K.comparator), o = !s.has(r);
    return this.index[t] = s.add(r), o;
  }
  has(e) {
    const t = e.lastSegment(), r = e.popLast(), s = this.index[t];
    return s && s.has(r);
  }
  getEntries(e) {
    return (this.index[e] || new ue(K.comparator)).toArray();
  }
}
const Hc = {
  didRun: !1,
  sequenceNumbersCollected: 0,
  targetsRemoved: 0,
  documentsRemoved: 0
}, ah = 41943040;
class Se {
  static withCacheSize(e) {
    return new Se(e, Se.DEFAULT_COLLECTION_PERCENTILE, Se.DEFAULT_MAX_SEQUENCE_NUMBERS_TO_COLLECT);
  }
  constructor(e, t, r) {
    this.cacheSizeCollectionThreshold = e, this.percentileToCollect = t, this.maximumSequenceNumbersToCollect = r;
  }
}
Se.DEFAULT_COLLECTION_PERCENTILE = 10, Se.DEFAULT_MAX_SEQUENCE_NUMBERS_TO_COLLECT = 1e3, Se.DEFAULT = new Se(ah, Se.DEFAULT_COLLECTION_PERCENTILE, Se.DEFAULT_MAX_SEQUENCE_NUMBERS_TO_COLLECT), Se.DISABLED = new Se(-1, 0, 0);
class ln {
  constructor(e) {
    this.sr = e;
  }
  next() {
    return this.sr += 2, this.sr;
  }
  static _r() {
    return new ln(0);
  }
  static ar() {
    return new ln(-1);
  }
}
const zc = "LruGarbageCollector", ry = 1048576;
function Wc([n, e], [t, r]) {
  const s = q(n, t);
  return s === 0 ? q(e, r) : s;
}
class sy {
  constructor(e) {
    this.Pr = e, this.buffer = new ue(Wc), this.Tr = 0;
  }
  Ir() {
    return ++this.Tr;
  }
  Er(e) {
    const t = [e, this.Ir()];
    if (this.buffer.size < this.Pr) this.buffer = this.buffer.add(t);
    else {
      const r = this.buffer.last();
      Wc(t, r) < 0 && (this.buffer = this.buffer.delete(r).add(t));
    }
  }
  get maxValue() {
    return this.buffer.last()[0];
  }
}
class iy {
  constructor(e, t, r) {
    this.garbageCollector = e, this.asyncQueue = t, this.localStore = r, this.Rr = null;
  }
  start() {
    this.garbageCollector.params.cacheSizeCollectionThreshold !== -1 && this.Ar(6e4);
  }
  stop() {
    this.Rr && (this.Rr.cancel(), this.Rr = null);
  }
  get started() {
    return this.Rr !== null;
  }
  Ar(e) {
    N(zc, `Garbage collection scheduled in ${e}ms`), this.Rr = this.asyncQueue.enqueueAfterDelay("lru_garbage_collection", e, (async () => {
      this.Rr = null;
      try {
        await this.localStore.collectGarbage(this.garbageCollector);
      } catch (t) {
        yn(t) ? N(zc, "Ignoring IndexedDB error during garbage collection: ", t) : await Es(t);
      }
      await this.Ar(3e5);
    }));
  }
}
class oy {
  constructor(e, t) {
    this.Vr = e, this.params = t;
  }
  calculateTargetCount(e, t) {
    return this.Vr.dr(e).next(((r) => Math.floor(t / 100 * r)));
  }
  nthSequenceNumber(e, t) {
    if (t === 0) return S.resolve(Is.ce);
    const r = new sy(t);
    return this.Vr.forEachTarget(e, ((s) => r.Er(s.sequenceNumber))).next((() => this.Vr.mr(e, ((s) => r.Er(s))))).next((() => r.maxValue));
  }
  removeTargets(e, t, r) {
    return this.Vr.removeTargets(e, t, r);
  }
  removeOrphanedDocuments(e, t) {
    return this.Vr.removeOrphanedDocuments(e, t);
  }
  collect(e, t) {
    return this.params.cacheSizeCollectionThreshold === -1 ? (N("LruGarbageCollector", "Garbage collection skipped; disabled"), S.resolve(Hc)) : this.getCacheSize(e).next(((r) => r < this.params.cacheSizeCollectionThreshold ? (N("LruGarbageCollector", `Garbage collection skipped; Cache size ${r} is lower than threshold ${this.params.cacheSizeCollectionThreshold}`), Hc) : this.gr(e, t)));
  }
  getCacheSize(e) {
    return this.Vr.getCacheSize(e);
  }
  gr(e, t) {
    let r, s, o, a, u, h, d;
    const p = Date.now();
    return this.calculateTargetCount(e, this.params.percentileToCollect).next(((I) => (
      // Cap at the configured max
      (I > this.params.maximumSequenceNumbersToCollect ? (N("LruGarbageCollector", `Capping sequence numbers to collect down to the maximum of ${this.params.maximumSequenceNumbersToCollect} from ${I}`), s = this.params.maximumSequenceNumbersToCollect) : s = I, a = Date.now(), this.nthSequenceNumber(e, s))
    ))).next(((I) => (r = I, u = Date.now(), this.removeTargets(e, r, t)))).next(((I) => (o = I, h = Date.now(), this.removeOrphanedDocuments(e, r)))).next(((I) => (d = Date.now(), Wt() <= B.DEBUG && N("LruGarbageCollector", `LRU Garbage Collection
	Counted targets in ${a - p}ms
	Determined least recently used ${s} in ` + (u - a) + `ms
	Removed ${o} targets in ` + (h - u) + `ms
	Removed ${I} documents in ` + (d - h) + `ms
Total Duration: ${d - p}ms`), S.resolve({
      didRun: !0,
      sequenceNumbersCollected: s,
      targetsRemoved: o,
      documentsRemoved: I
    }))));
  }
}
function ay(n, e) {
  return new oy(n, e);
}
class cy {
  constructor() {
    this.changes = new jt(((e) => e.toString()), ((e, t) => e.isEqual(t))), this.changesApplied = !1;
  }
  /**
   * Buffers a `RemoteDocumentCache.addEntry()` call.
   *
   * You can only modify documents that have already been retrieved via
   * `getEntry()/getEntries()` (enforced via IndexedDbs `apply()`).
   */
  addEntry(e) {
    this.assertNotApplied(), this.changes.set(e.key, e);
  }
  /**
   * Buffers a `RemoteDocumentCache.removeEntry()` call.
   *
   * You can only remove documents that have already been retrieved via
   * `getEntry()/getEntries()` (enforced via IndexedDbs `apply()`).
   */
  removeEntry(e, t) {
    this.assertNotApplied(), this.changes.set(e, Ee.newInvalidDocument(e).setReadTime(t));
  }
  /**
   * Looks up an entry in the cache. The buffered changes will first be checked,
   * and if no buffered change applies, this will forward to
   * `RemoteDocumentCache.getEntry()`.
   *
   * @param transaction - The transaction in which to perform any persistence
   *     operations.
   * @param documentKey - The key of the entry to look up.
   * @returns The cached document or an invalid document if we have nothing
   * cached.
   */
  getEntry(e, t) {
    this.assertNotApplied();
    const r = this.changes.get(t);
    return r !== void 0 ? S.resolve(r) : this.getFromCache(e, t);
  }
  /**
   * Looks up several entries in the cache, forwarding to
   * `RemoteDocumentCache.getEntry()`.
   *
   * @param transaction - The transaction in which to perform any persistence
   *     operations.
   * @param documentKeys - The keys of the entries to look up.
   * @returns A map of cached documents, indexed by key. If an entry cannot be
   *     found, the corresponding key will be mapped to an invalid document.
   */
  getEntries(e, t) {
    return this.getAllFromCache(e, t);
  }
  /**
   * Applies buffered changes to the underlying RemoteDocumentCache, using
   * the provided transaction.
   */
  apply(e) {
    return this.assertNotApplied(), this.changesApplied = !0, this.applyChanges(e);
  }
  /** Helper to assert this.changes is not null  */
  assertNotApplied() {
  }
}
class uy {
  constructor(e, t) {
    this.overlayedDocument = e, this.mutatedFields = t;
  }
}
class ly {
  constructor(e, t, r, s) {
    this.remoteDocumentCache = e, this.mutationQueue = t, this.documentOverlayCache = r, this.indexManager = s;
  }
  /**
   * Get the local view of the document identified by `key`.
   *
   * @returns Local view of the document or null if we don't have any cached
   * state for it.
   */
  getDocument(e, t) {
    let r = null;
    return this.documentOverlayCache.getOverlay(e, t).next(((s) => (r = s, this.remoteDocumentCache.getEntry(e, t)))).next(((s) => (r !== null && tr(r.mutation, s, ut.empty(), J.now()), s)));
  }
  /**
   * Gets the local view of the documents identified by `keys`.
   *
   * If we don't have cached state for a document in `keys`, a NoDocument will
   * be stored for that key in the resulting set.
   */
  getDocuments(e, t) {
    return this.remoteDocumentCache.getEntries(e, t).next(((r) => this.getLocalViewOfDocuments(e, r, H()).next((() => r))));
  }
  /**
   * Similar to `getDocuments`, but creates the local view from the given
   * `baseDocs` without retrieving documents from the local store.
   *
   * @param transaction - The transaction this operation is scoped to.
   * @param docs - The documents to apply local mutations to get the local views.
   * @param existenceStateChanged - The set of document keys whose existence state
   *   is changed. This is useful to determine if some documents overlay needs
   *   to be recalculated.
   */
  getLocalViewOfDocuments(e, t, r = H()) {
    const s = Vt();
    return this.populateOverlays(e, s, t).next((() => this.computeViews(e, t, s, r).next(((o) => {
      let a = Hn();
      return o.forEach(((u, h) => {
        a = a.insert(u, h.overlayedDocument);
      })), a;
    }))));
  }
  /**
   * Gets the overlayed documents for the given document map, which will include
   * the local view of those documents and a `FieldMask` indicating which fields
   * are mutated locally, `null` if overlay is a Set or Delete mutation.
   */
  getOverlayedDocuments(e, t) {
    const r = Vt();
    return this.populateOverlays(e, r, t).next((() => this.computeViews(e, t, r, H())));
  }
  /**
   * Fetches the overlays for {@code docs} and adds them to provided overlay map
   * if the map does not already contain an entry for the given document key.
   */
  populateOverlays(e, t, r) {
    const s = [];
    return r.forEach(((o) => {
      t.has(o) || s.push(o);
    })), this.documentOverlayCache.getOverlays(e, s).next(((o) => {
      o.forEach(((a, u) => {
        t.set(a, u);
      }));
    }));
  }
  /**
   * Computes the local view for the given documents.
   *
   * @param docs - The documents to compute views for. It also has the base
   *   version of the documents.
   * @param overlays - The overlays that need to be applied to the given base
   *   version of the documents.
   * @param existenceStateChanged - A set of documents whose existence states
   *   might have changed. This is used to determine if we need to re-calculate
   *   overlays from mutation queues.
   * @returns A map represents the local documents view.
   */
  computeViews(e, t, r, s) {
    let o = It();
    const a = er(), u = (function() {
      return er();
    })();
    return t.forEach(((h, d) => {
      const p = r.get(d.key);
      s.has(d.key) && (p === void 0 || p.mutation instanceof Ps) ? o = o.insert(d.key, d) : p !== void 0 ? (a.set(d.key, p.mutation.getFieldMask()), tr(p.mutation, d, p.mutation.getFieldMask(), J.now())) : (
        // no overlay exists
        // Using EMPTY to indicate there is no overlay for the document.
        a.set(d.key, ut.empty())
      );
    })), this.recalculateAndSaveOverlays(e, o).next(((h) => (h.forEach(((d, p) => a.set(d, p))), t.forEach(((d, p) => u.set(d, new uy(p, a.get(d) ?? null)))), u)));
  }
  recalculateAndSaveOverlays(e, t) {
    const r = er();
    let s = new te(((a, u) => a - u)), o = H();
    return this.mutationQueue.getAllMutationBatchesAffectingDocumentKeys(e, t).next(((a) => {
      for (const u of a) u.keys().forEach(((h) => {
        const d = t.get(h);
        if (d === null) return;
        let p = r.get(h) || ut.empty();
        p = u.applyToLocalView(d, p), r.set(h, p);
        const I = (s.get(u.batchId) || H()).add(h);
        s = s.insert(u.batchId, I);
      }));
    })).next((() => {
      const a = [], u = s.getReverseIterator();
      for (; u.hasNext(); ) {
        const h = u.getNext(), d = h.key, p = h.value, I = jl();
        p.forEach(((A) => {
          if (!o.has(A)) {
            const C = Gl(t.get(A), r.get(A));
            C !== null && I.set(A, C), o = o.add(A);
          }
        })), a.push(this.documentOverlayCache.saveOverlays(e, d, I));
      }
      return S.waitFor(a);
    })).next((() => r));
  }
  /**
   * Recalculates overlays by reading the documents from remote document cache
   * first, and saves them after they are calculated.
   */
  recalculateAndSaveOverlaysForDocumentKeys(e, t) {
    return this.remoteDocumentCache.getEntries(e, t).next(((r) => this.recalculateAndSaveOverlays(e, r)));
  }
  /**
   * Performs a query against the local view of all documents.
   *
   * @param transaction - The persistence transaction.
   * @param query - The query to match documents against.
   * @param offset - Read time and key to start scanning by (exclusive).
   * @param context - A optional tracker to keep a record of important details
   *   during database local query execution.
   */
  getDocumentsMatchingQuery(e, t, r, s) {
    return __(t) ? this.getDocumentsMatchingDocumentQuery(e, t.path) : Fl(t) ? this.getDocumentsMatchingCollectionGroupQuery(e, t, r, s) : this.getDocumentsMatchingCollectionQuery(e, t, r, s);
  }
  /**
   * Given a collection group, returns the next documents that follow the provided offset, along
   * with an updated batch ID.
   *
   * <p>The documents returned by this method are ordered by remote version from the provided
   * offset. If there are no more remote documents after the provided offset, documents with
   * mutations in order of batch id from the offset are returned. Since all documents in a batch are
   * returned together, the total number of documents returned can exceed {@code count}.
   *
   * @param transaction
   * @param collectionGroup - The collection group for the documents.
   * @param offset - The offset to index into.
   * @param count - The number of documents to return
   * @returns A LocalWriteResult with the documents that follow the provided offset and the last processed batch id.
   */
  getNextDocuments(e, t, r, s) {
    return this.remoteDocumentCache.getAllFromCollectionGroup(e, t, r, s).next(((o) => {
      const a = s - o.size > 0 ? this.documentOverlayCache.getOverlaysForCollectionGroup(e, t, r.largestBatchId, s - o.size) : S.resolve(Vt());
      let u = ir, h = o;
      return a.next(((d) => S.forEach(d, ((p, I) => (u < I.largestBatchId && (u = I.largestBatchId), o.get(p) ? S.resolve() : this.remoteDocumentCache.getEntry(e, p).next(((A) => {
        h = h.insert(p, A);
      }))))).next((() => this.populateOverlays(e, d, o))).next((() => this.computeViews(e, h, d, H()))).next(((p) => ({
        batchId: u,
        changes: v_(p)
      })))));
    }));
  }
  getDocumentsMatchingDocumentQuery(e, t) {
    return this.getDocument(e, new O(t)).next(((r) => {
      let s = Hn();
      return r.isFoundDocument() && (s = s.insert(r.key, r)), s;
    }));
  }
  getDocumentsMatchingCollectionGroupQuery(e, t, r, s) {
    const o = t.collectionGroup;
    let a = Hn();
    return this.indexManager.getCollectionParents(e, o).next(((u) => S.forEach(u, ((h) => {
      const d = (function(I, A) {
        return new In(
          A,
          /*collectionGroup=*/
          null,
          I.explicitOrderBy.slice(),
          I.filters.slice(),
          I.limit,
          I.limitType,
          I.startAt,
          I.endAt
        );
      })(t, h.child(o));
      return this.getDocumentsMatchingCollectionQuery(e, d, r, s).next(((p) => {
        p.forEach(((I, A) => {
          a = a.insert(I, A);
        }));
      }));
    })).next((() => a))));
  }
  getDocumentsMatchingCollectionQuery(e, t, r, s) {
    let o;
    return this.documentOverlayCache.getOverlaysForCollection(e, t.path, r.largestBatchId).next(((a) => (o = a, this.remoteDocumentCache.getDocumentsMatchingQuery(e, t, r, o, s)))).next(((a) => {
      o.forEach(((h, d) => {
        const p = d.getKey();
        a.get(p) === null && (a = a.insert(p, Ee.newInvalidDocument(p)));
      }));
      let u = Hn();
      return a.forEach(((h, d) => {
        const p = o.get(h);
        p !== void 0 && tr(p.mutation, d, ut.empty(), J.now()), // Finally, insert the documents that still match the query
        Rs(t, d) && (u = u.insert(h, d));
      })), u;
    }));
  }
}
class hy {
  constructor(e) {
    this.serializer = e, this.Nr = /* @__PURE__ */ new Map(), this.Br = /* @__PURE__ */ new Map();
  }
  getBundleMetadata(e, t) {
    return S.resolve(this.Nr.get(t));
  }
  saveBundleMetadata(e, t) {
    return this.Nr.set(
      t.id,
      /** Decodes a BundleMetadata proto into a BundleMetadata object. */
      (function(s) {
        return {
          id: s.id,
          version: s.version,
          createTime: tn(s.createTime)
        };
      })(t)
    ), S.resolve();
  }
  getNamedQuery(e, t) {
    return S.resolve(this.Br.get(t));
  }
  saveNamedQuery(e, t) {
    return this.Br.set(t.name, (function(s) {
      return {
        name: s.name,
        query: ey(s.bundledQuery),
        readTime: tn(s.readTime)
      };
    })(t)), S.resolve();
  }
}
class dy {
  constructor() {
    this.overlays = new te(O.comparator), this.Lr = /* @__PURE__ */ new Map();
  }
  getOverlay(e, t) {
    return S.resolve(this.overlays.get(t));
  }
  getOverlays(e, t) {
    const r = Vt();
    return S.forEach(t, ((s) => this.getOverlay(e, s).next(((o) => {
      o !== null && r.set(s, o);
    })))).next((() => r));
  }
  saveOverlays(e, t, r) {
    return r.forEach(((s, o) => {
      this.bt(e, t, o);
    })), S.resolve();
  }
  removeOverlaysForBatchId(e, t, r) {
    const s = this.Lr.get(r);
    return s !== void 0 && (s.forEach(((o) => this.overlays = this.overlays.remove(o))), this.Lr.delete(r)), S.resolve();
  }
  getOverlaysForCollection(e, t, r) {
    const s = Vt(), o = t.length + 1, a = new O(t.child("")), u = this.overlays.getIteratorFrom(a);
    for (; u.hasNext(); ) {
      const h = u.getNext().value, d = h.getKey();
      if (!t.isPrefixOf(d.path)) break;
      d.path.length === o && h.largestBatchId > r && s.set(h.getKey(), h);
    }
    return S.resolve(s);
  }
  getOverlaysForCollectionGroup(e, t, r, s) {
    let o = new te(((d, p) => d - p));
    const a = this.overlays.getIterator();
    for (; a.hasNext(); ) {
      const d = a.getNext().value;
      if (d.getKey().getCollectionGroup() === t && d.largestBatchId > r) {
        let p = o.get(d.largestBatchId);
        p === null && (p = Vt(), o = o.insert(d.largestBatchId, p)), p.set(d.getKey(), d);
      }
    }
    const u = Vt(), h = o.getIterator();
    for (; h.hasNext() && (h.getNext().value.forEach(((d, p) => u.set(d, p))), !(u.size() >= s)); )
      ;
    return S.resolve(u);
  }
  bt(e, t, r) {
    const s = this.overlays.get(r.key);
    if (s !== null) {
      const a = this.Lr.get(s.largestBatchId).delete(r.key);
      this.Lr.set(s.largestBatchId, a);
    }
    this.overlays = this.overlays.insert(r.key, new L_(t, r));
    let o = this.Lr.get(t);
    o === void 0 && (o = H(), this.Lr.set(t, o)), this.Lr.set(t, o.add(r.key));
  }
}
class fy {
  constructor() {
    this.sessionToken = pe.EMPTY_BYTE_STRING;
  }
  getSessionToken(e) {
    return S.resolve(this.sessionToken);
  }
  setSessionToken(e, t) {
    return this.sessionToken = t, S.resolve();
  }
}
class go {
  constructor() {
    this.kr = new ue(he.Kr), // A set of outstanding references to a document sorted by target id.
    this.qr = new ue(he.Ur);
  }
  /** Returns true if the reference set contains no references. */
  isEmpty() {
    return this.kr.isEmpty();
  }
  /** Adds a reference to the given document key for the given ID. */
  addReference(e, t) {
    const r = new he(e, t);
    this.kr = this.kr.add(r), this.qr = this.qr.add(r);
  }
  /** Add references to the given document keys for the given ID. */
  $r(e, t) {
    e.forEach(((r) => this.addReference(r, t)));
  }
  /**
   * Removes a reference to the given document key for the given
   * ID.
   */
  removeReference(e, t) {
    this.Wr(new he(e, t));
  }
  Qr(e, t) {
    e.forEach(((r) => this.removeReference(r, t)));
  }
  /**
   * Clears all references with a given ID. Calls removeRef() for each key
   * removed.
   */
  Gr(e) {
    const t = new O(new K([])), r = new he(t, e), s = new he(t, e + 1), o = [];
    return this.qr.forEachInRange([r, s], ((a) => {
      this.Wr(a), o.push(a.key);
    })), o;
  }
  zr() {
    this.kr.forEach(((e) => this.Wr(e)));
  }
  Wr(e) {
    this.kr = this.kr.delete(e), this.qr = this.qr.delete(e);
  }
  jr(e) {
    const t = new O(new K([])), r = new he(t, e), s = new he(t, e + 1);
    let o = H();
    return this.qr.forEachInRange([r, s], ((a) => {
      o = o.add(a.key);
    })), o;
  }
  containsKey(e) {
    const t = new he(e, 0), r = this.kr.firstAfterOrEqual(t);
    return r !== null && e.isEqual(r.key);
  }
}
class he {
  constructor(e, t) {
    this.key = e, this.Hr = t;
  }
  /** Compare by key then by ID */
  static Kr(e, t) {
    return O.comparator(e.key, t.key) || q(e.Hr, t.Hr);
  }
  /** Compare by ID then by key */
  static Ur(e, t) {
    return q(e.Hr, t.Hr) || O.comparator(e.key, t.key);
  }
}
class py {
  constructor(e, t) {
    this.indexManager = e, this.referenceDelegate = t, /**
     * The set of all mutations that have been sent but not yet been applied to
     * the backend.
     */
    this.mutationQueue = [], /** Next value to use when assigning sequential IDs to each mutation batch. */
    this.Yn = 1, /** An ordered mapping between documents and the mutations batch IDs. */
    this.Jr = new ue(he.Kr);
  }
  checkEmpty(e) {
    return S.resolve(this.mutationQueue.length === 0);
  }
  addMutationBatch(e, t, r, s) {
    const o = this.Yn;
    this.Yn++, this.mutationQueue.length > 0 && this.mutationQueue[this.mutationQueue.length - 1];
    const a = new O_(o, t, r, s);
    this.mutationQueue.push(a);
    for (const u of s) this.Jr = this.Jr.add(new he(u.key, o)), this.indexManager.addToCollectionParentIndex(e, u.key.path.popLast());
    return S.resolve(a);
  }
  lookupMutationBatch(e, t) {
    return S.resolve(this.Zr(t));
  }
  getNextMutationBatchAfterBatchId(e, t) {
    const r = t + 1, s = this.Xr(r), o = s < 0 ? 0 : s;
    return S.resolve(this.mutationQueue.length > o ? this.mutationQueue[o] : null);
  }
  getHighestUnacknowledgedBatchId() {
    return S.resolve(this.mutationQueue.length === 0 ? Jg : this.Yn - 1);
  }
  getAllMutationBatches(e) {
    return S.resolve(this.mutationQueue.slice());
  }
  getAllMutationBatchesAffectingDocumentKey(e, t) {
    const r = new he(t, 0), s = new he(t, Number.POSITIVE_INFINITY), o = [];
    return this.Jr.forEachInRange([r, s], ((a) => {
      const u = this.Zr(a.Hr);
      o.push(u);
    })), S.resolve(o);
  }
  getAllMutationBatchesAffectingDocumentKeys(e, t) {
    let r = new ue(q);
    return t.forEach(((s) => {
      const o = new he(s, 0), a = new he(s, Number.POSITIVE_INFINITY);
      this.Jr.forEachInRange([o, a], ((u) => {
        r = r.add(u.Hr);
      }));
    })), S.resolve(this.Yr(r));
  }
  getAllMutationBatchesAffectingQuery(e, t) {
    const r = t.path, s = r.length + 1;
    let o = r;
    O.isDocumentKey(o) || (o = o.child(""));
    const a = new he(new O(o), 0);
    let u = new ue(q);
    return this.Jr.forEachWhile(((h) => {
      const d = h.key.path;
      return !!r.isPrefixOf(d) && // Rows with document keys more than one segment longer than the query
      // path can't be matches. For example, a query on 'rooms' can't match
      // the document /rooms/abc/messages/xyx.
      // TODO(mcg): we'll need a different scanner when we implement
      // ancestor queries.
      (d.length === s && (u = u.add(h.Hr)), !0);
    }), a), S.resolve(this.Yr(u));
  }
  Yr(e) {
    const t = [];
    return e.forEach(((r) => {
      const s = this.Zr(r);
      s !== null && t.push(s);
    })), t;
  }
  removeMutationBatch(e, t) {
    Y(this.ei(t.batchId, "removed") === 0, 55003), this.mutationQueue.shift();
    let r = this.Jr;
    return S.forEach(t.mutations, ((s) => {
      const o = new he(s.key, t.batchId);
      return r = r.delete(o), this.referenceDelegate.markPotentiallyOrphaned(e, s.key);
    })).next((() => {
      this.Jr = r;
    }));
  }
  nr(e) {
  }
  containsKey(e, t) {
    const r = new he(t, 0), s = this.Jr.firstAfterOrEqual(r);
    return S.resolve(t.isEqual(s && s.key));
  }
  performConsistencyCheck(e) {
    return this.mutationQueue.length, S.resolve();
  }
  /**
   * Finds the index of the given batchId in the mutation queue and asserts that
   * the resulting index is within the bounds of the queue.
   *
   * @param batchId - The batchId to search for
   * @param action - A description of what the caller is doing, phrased in passive
   * form (e.g. "acknowledged" in a routine that acknowledges batches).
   */
  ei(e, t) {
    return this.Xr(e);
  }
  /**
   * Finds the index of the given batchId in the mutation queue. This operation
   * is O(1).
   *
   * @returns The computed index of the batch with the given batchId, based on
   * the state of the queue. Note this index can be negative if the requested
   * batchId has already been removed from the queue or past the end of the
   * queue if the batchId is larger than the last added batch.
   */
  Xr(e) {
    return this.mutationQueue.length === 0 ? 0 : e - this.mutationQueue[0].batchId;
  }
  /**
   * A version of lookupMutationBatch that doesn't return a promise, this makes
   * other functions that uses this code easier to read and more efficient.
   */
  Zr(e) {
    const t = this.Xr(e);
    return t < 0 || t >= this.mutationQueue.length ? null : this.mutationQueue[t];
  }
}
class my {
  /**
   * @param sizer - Used to assess the size of a document. For eager GC, this is
   * expected to just return 0 to avoid unnecessarily doing the work of
   * calculating the size.
   */
  constructor(e) {
    this.ti = e, /** Underlying cache of documents and their read times. */
    this.docs = (function() {
      return new te(O.comparator);
    })(), /** Size of all cached documents. */
    this.size = 0;
  }
  setIndexManager(e) {
    this.indexManager = e;
  }
  /**
   * Adds the supplied entry to the cache and updates the cache size as appropriate.
   *
   * All calls of `addEntry`  are required to go through the RemoteDocumentChangeBuffer
   * returned by `newChangeBuffer()`.
   */
  addEntry(e, t) {
    const r = t.key, s = this.docs.get(r), o = s ? s.size : 0, a = this.ti(t);
    return this.docs = this.docs.insert(r, {
      document: t.mutableCopy(),
      size: a
    }), this.size += a - o, this.indexManager.addToCollectionParentIndex(e, r.path.popLast());
  }
  /**
   * Removes the specified entry from the cache and updates the cache size as appropriate.
   *
   * All calls of `removeEntry` are required to go through the RemoteDocumentChangeBuffer
   * returned by `newChangeBuffer()`.
   */
  removeEntry(e) {
    const t = this.docs.get(e);
    t && (this.docs = this.docs.remove(e), this.size -= t.size);
  }
  getEntry(e, t) {
    const r = this.docs.get(t);
    return S.resolve(r ? r.document.mutableCopy() : Ee.newInvalidDocument(t));
  }
  getEntries(e, t) {
    let r = It();
    return t.forEach(((s) => {
      const o = this.docs.get(s);
      r = r.insert(s, o ? o.document.mutableCopy() : Ee.newInvalidDocument(s));
    })), S.resolve(r);
  }
  getDocumentsMatchingQuery(e, t, r, s) {
    let o = It();
    const a = t.path, u = new O(a.child("__id-9223372036854775808__")), h = this.docs.getIteratorFrom(u);
    for (; h.hasNext(); ) {
      const { key: d, value: { document: p } } = h.getNext();
      if (!a.isPrefixOf(d.path)) break;
      d.path.length > a.length + 1 || Wg(zg(p), r) <= 0 || (s.has(p.key) || Rs(t, p)) && (o = o.insert(p.key, p.mutableCopy()));
    }
    return S.resolve(o);
  }
  getAllFromCollectionGroup(e, t, r, s) {
    F(9500);
  }
  ni(e, t) {
    return S.forEach(this.docs, ((r) => t(r)));
  }
  newChangeBuffer(e) {
    return new gy(this);
  }
  getSize(e) {
    return S.resolve(this.size);
  }
}
class gy extends cy {
  constructor(e) {
    super(), this.Mr = e;
  }
  applyChanges(e) {
    const t = [];
    return this.changes.forEach(((r, s) => {
      s.isValidDocument() ? t.push(this.Mr.addEntry(e, s)) : this.Mr.removeEntry(r);
    })), S.waitFor(t);
  }
  getFromCache(e, t) {
    return this.Mr.getEntry(e, t);
  }
  getAllFromCache(e, t) {
    return this.Mr.getEntries(e, t);
  }
}
class _y {
  constructor(e) {
    this.persistence = e, /**
     * Maps a target to the data about that target
     */
    this.ri = new jt(((t) => uo(t)), lo), /** The last received snapshot version. */
    this.lastRemoteSnapshotVersion = x.min(), /** The highest numbered target ID encountered. */
    this.highestTargetId = 0, /** The highest sequence number encountered. */
    this.ii = 0, /**
     * A ordered bidirectional mapping between documents and the remote target
     * IDs.
     */
    this.si = new go(), this.targetCount = 0, this.oi = ln._r();
  }
  forEachTarget(e, t) {
    return this.ri.forEach(((r, s) => t(s))), S.resolve();
  }
  getLastRemoteSnapshotVersion(e) {
    return S.resolve(this.lastRemoteSnapshotVersion);
  }
  getHighestSequenceNumber(e) {
    return S.resolve(this.ii);
  }
  allocateTargetId(e) {
    return this.highestTargetId = this.oi.next(), S.resolve(this.highestTargetId);
  }
  setTargetsMetadata(e, t, r) {
    return r && (this.lastRemoteSnapshotVersion = r), t > this.ii && (this.ii = t), S.resolve();
  }
  lr(e) {
    this.ri.set(e.target, e);
    const t = e.targetId;
    t > this.highestTargetId && (this.oi = new ln(t), this.highestTargetId = t), e.sequenceNumber > this.ii && (this.ii = e.sequenceNumber);
  }
  addTargetData(e, t) {
    return this.lr(t), this.targetCount += 1, S.resolve();
  }
  updateTargetData(e, t) {
    return this.lr(t), S.resolve();
  }
  removeTargetData(e, t) {
    return this.ri.delete(t.target), this.si.Gr(t.targetId), this.targetCount -= 1, S.resolve();
  }
  removeTargets(e, t, r) {
    let s = 0;
    const o = [];
    return this.ri.forEach(((a, u) => {
      u.sequenceNumber <= t && r.get(u.targetId) === null && (this.ri.delete(a), o.push(this.removeMatchingKeysForTargetId(e, u.targetId)), s++);
    })), S.waitFor(o).next((() => s));
  }
  getTargetCount(e) {
    return S.resolve(this.targetCount);
  }
  getTargetData(e, t) {
    const r = this.ri.get(t) || null;
    return S.resolve(r);
  }
  addMatchingKeys(e, t, r) {
    return this.si.$r(t, r), S.resolve();
  }
  removeMatchingKeys(e, t, r) {
    this.si.Qr(t, r);
    const s = this.persistence.referenceDelegate, o = [];
    return s && t.forEach(((a) => {
      o.push(s.markPotentiallyOrphaned(e, a));
    })), S.waitFor(o);
  }
  removeMatchingKeysForTargetId(e, t) {
    return this.si.Gr(t), S.resolve();
  }
  getMatchingKeysForTargetId(e, t) {
    const r = this.si.jr(t);
    return S.resolve(r);
  }
  containsKey(e, t) {
    return S.resolve(this.si.containsKey(t));
  }
}
class ch {
  /**
   * The constructor accepts a factory for creating a reference delegate. This
   * allows both the delegate and this instance to have strong references to
   * each other without having nullable fields that would then need to be
   * checked or asserted on every access.
   */
  constructor(e, t) {
    this._i = {}, this.overlays = {}, this.ai = new Is(0), this.ui = !1, this.ui = !0, this.ci = new fy(), this.referenceDelegate = e(this), this.li = new _y(this), this.indexManager = new ty(), this.remoteDocumentCache = (function(s) {
      return new my(s);
    })(((r) => this.referenceDelegate.hi(r))), this.serializer = new Z_(t), this.Pi = new hy(this.serializer);
  }
  start() {
    return Promise.resolve();
  }
  shutdown() {
    return this.ui = !1, Promise.resolve();
  }
  get started() {
    return this.ui;
  }
  setDatabaseDeletedListener() {
  }
  setNetworkEnabled() {
  }
  getIndexManager(e) {
    return this.indexManager;
  }
  getDocumentOverlayCache(e) {
    let t = this.overlays[e.toKey()];
    return t || (t = new dy(), this.overlays[e.toKey()] = t), t;
  }
  getMutationQueue(e, t) {
    let r = this._i[e.toKey()];
    return r || (r = new py(t, this.referenceDelegate), this._i[e.toKey()] = r), r;
  }
  getGlobalsCache() {
    return this.ci;
  }
  getTargetCache() {
    return this.li;
  }
  getRemoteDocumentCache() {
    return this.remoteDocumentCache;
  }
  getBundleCache() {
    return this.Pi;
  }
  runTransaction(e, t, r) {
    N("MemoryPersistence", "Starting transaction:", e);
    const s = new yy(this.ai.next());
    return this.referenceDelegate.Ti(), r(s).next(((o) => this.referenceDelegate.Ii(s).next((() => o)))).toPromise().then(((o) => (s.raiseOnCommittedEvent(), o)));
  }
  Ei(e, t) {
    return S.or(Object.values(this._i).map(((r) => () => r.containsKey(e, t))));
  }
}
class yy extends Kg {
  constructor(e) {
    super(), this.currentSequenceNumber = e;
  }
}
class _o {
  constructor(e) {
    this.persistence = e, /** Tracks all documents that are active in Query views. */
    this.Ri = new go(), /** The list of documents that are potentially GCed after each transaction. */
    this.Ai = null;
  }
  static Vi(e) {
    return new _o(e);
  }
  get di() {
    if (this.Ai) return this.Ai;
    throw F(60996);
  }
  addReference(e, t, r) {
    return this.Ri.addReference(r, t), this.di.delete(r.toString()), S.resolve();
  }
  removeReference(e, t, r) {
    return this.Ri.removeReference(r, t), this.di.add(r.toString()), S.resolve();
  }
  markPotentiallyOrphaned(e, t) {
    return this.di.add(t.toString()), S.resolve();
  }
  removeTarget(e, t) {
    this.Ri.Gr(t.targetId).forEach(((s) => this.di.add(s.toString())));
    const r = this.persistence.getTargetCache();
    return r.getMatchingKeysForTargetId(e, t.targetId).next(((s) => {
      s.forEach(((o) => this.di.add(o.toString())));
    })).next((() => r.removeTargetData(e, t)));
  }
  Ti() {
    this.Ai = /* @__PURE__ */ new Set();
  }
  Ii(e) {
    const t = this.persistence.getRemoteDocumentCache().newChangeBuffer();
    return S.forEach(this.di, ((r) => {
      const s = O.fromPath(r);
      return this.mi(e, s).next(((o) => {
        o || t.removeEntry(s, x.min());
      }));
    })).next((() => (this.Ai = null, t.apply(e))));
  }
  updateLimboDocument(e, t) {
    return this.mi(e, t).next(((r) => {
      r ? this.di.delete(t.toString()) : this.di.add(t.toString());
    }));
  }
  hi(e) {
    return 0;
  }
  mi(e, t) {
    return S.or([() => S.resolve(this.Ri.containsKey(t)), () => this.persistence.getTargetCache().containsKey(e, t), () => this.persistence.Ei(e, t)]);
  }
}
class ls {
  constructor(e, t) {
    this.persistence = e, this.fi = new jt(((r) => Xg(r.path)), ((r, s) => r.isEqual(s))), this.garbageCollector = ay(this, t);
  }
  static Vi(e, t) {
    return new ls(e, t);
  }
  // No-ops, present so memory persistence doesn't have to care which delegate
  // it has.
  Ti() {
  }
  Ii(e) {
    return S.resolve();
  }
  forEachTarget(e, t) {
    return this.persistence.getTargetCache().forEachTarget(e, t);
  }
  dr(e) {
    const t = this.pr(e);
    return this.persistence.getTargetCache().getTargetCount(e).next(((r) => t.next(((s) => r + s))));
  }
  pr(e) {
    let t = 0;
    return this.mr(e, ((r) => {
      t++;
    })).next((() => t));
  }
  mr(e, t) {
    return S.forEach(this.fi, ((r, s) => this.wr(e, r, s).next(((o) => o ? S.resolve() : t(s)))));
  }
  removeTargets(e, t, r) {
    return this.persistence.getTargetCache().removeTargets(e, t, r);
  }
  removeOrphanedDocuments(e, t) {
    let r = 0;
    const s = this.persistence.getRemoteDocumentCache(), o = s.newChangeBuffer();
    return s.ni(e, ((a) => this.wr(e, a, t).next(((u) => {
      u || (r++, o.removeEntry(a, x.min()));
    })))).next((() => o.apply(e))).next((() => r));
  }
  markPotentiallyOrphaned(e, t) {
    return this.fi.set(t, e.currentSequenceNumber), S.resolve();
  }
  removeTarget(e, t) {
    const r = t.withSequenceNumber(e.currentSequenceNumber);
    return this.persistence.getTargetCache().updateTargetData(e, r);
  }
  addReference(e, t, r) {
    return this.fi.set(r, e.currentSequenceNumber), S.resolve();
  }
  removeReference(e, t, r) {
    return this.fi.set(r, e.currentSequenceNumber), S.resolve();
  }
  updateLimboDocument(e, t) {
    return this.fi.set(t, e.currentSequenceNumber), S.resolve();
  }
  hi(e) {
    let t = e.key.toString().length;
    return e.isFoundDocument() && (t += zr(e.data.value)), t;
  }
  wr(e, t, r) {
    return S.or([() => this.persistence.Ei(e, t), () => this.persistence.getTargetCache().containsKey(e, t), () => {
      const s = this.fi.get(t);
      return S.resolve(s !== void 0 && s > r);
    }]);
  }
  getCacheSize(e) {
    return this.persistence.getRemoteDocumentCache().getSize(e);
  }
}
class yo {
  constructor(e, t, r, s) {
    this.targetId = e, this.fromCache = t, this.Ts = r, this.Is = s;
  }
  static Es(e, t) {
    let r = H(), s = H();
    for (const o of t.docChanges) switch (o.type) {
      case 0:
        r = r.add(o.doc.key);
        break;
      case 1:
        s = s.add(o.doc.key);
    }
    return new yo(e, t.fromCache, r, s);
  }
}
class Ey {
  constructor() {
    this._documentReadCount = 0;
  }
  get documentReadCount() {
    return this._documentReadCount;
  }
  incrementDocumentReadCount(e) {
    this._documentReadCount += e;
  }
}
class Iy {
  constructor() {
    this.Rs = !1, this.As = !1, /**
     * SDK only decides whether it should create index when collection size is
     * larger than this.
     */
    this.Vs = 100, this.ds = /**
    * This cost represents the evaluation result of
    * (([index, docKey] + [docKey, docContent]) per document in the result set)
    * / ([docKey, docContent] per documents in full collection scan) coming from
    * experiment [enter PR experiment URL here].
    */
    (function() {
      return Ld() ? 8 : Qg(Te()) > 0 ? 6 : 4;
    })();
  }
  /** Sets the document view to query against. */
  initialize(e, t) {
    this.fs = e, this.indexManager = t, this.Rs = !0;
  }
  /** Returns all local documents matching the specified query. */
  getDocumentsMatchingQuery(e, t, r, s) {
    const o = {
      result: null
    };
    return this.gs(e, t).next(((a) => {
      o.result = a;
    })).next((() => {
      if (!o.result) return this.ps(e, t, s, r).next(((a) => {
        o.result = a;
      }));
    })).next((() => {
      if (o.result) return;
      const a = new Ey();
      return this.ys(e, t, a).next(((u) => {
        if (o.result = u, this.As) return this.ws(e, t, a, u.size);
      }));
    })).next((() => o.result));
  }
  ws(e, t, r, s) {
    return r.documentReadCount < this.Vs ? (Wt() <= B.DEBUG && N("QueryEngine", "SDK will not create cache indexes for query:", Gt(t), "since it only creates cache indexes for collection contains", "more than or equal to", this.Vs, "documents"), S.resolve()) : (Wt() <= B.DEBUG && N("QueryEngine", "Query:", Gt(t), "scans", r.documentReadCount, "local documents and returns", s, "documents as results."), r.documentReadCount > this.ds * s ? (Wt() <= B.DEBUG && N("QueryEngine", "The SDK decides to create cache indexes for query:", Gt(t), "as using cache indexes may help improve performance."), this.indexManager.createTargetIndexes(e, $e(t))) : S.resolve());
  }
  /**
   * Performs an indexed query that evaluates the query based on a collection's
   * persisted index values. Returns `null` if an index is not available.
   */
  gs(e, t) {
    if (Oc(t))
      return S.resolve(null);
    let r = $e(t);
    return this.indexManager.getIndexType(e, r).next(((s) => s === 0 ? null : (t.limit !== null && s === 1 && // We cannot apply a limit for targets that are served using a partial
    // index. If a partial index will be used to serve the target, the
    // query may return a superset of documents that match the target
    // (e.g. if the index doesn't include all the target's filters), or
    // may return the correct set of documents in the wrong order (e.g. if
    // the index doesn't include a segment for one of the orderBys).
    // Therefore, a limit should not be applied in such cases.
    (t = as(
      t,
      null,
      "F"
      /* LimitType.First */
    ), r = $e(t)), this.indexManager.getDocumentsMatchingTarget(e, r).next(((o) => {
      const a = H(...o);
      return this.fs.getDocuments(e, a).next(((u) => this.indexManager.getMinOffset(e, r).next(((h) => {
        const d = this.bs(t, u);
        return this.Ss(t, d, a, h.readTime) ? this.gs(e, as(
          t,
          null,
          "F"
          /* LimitType.First */
        )) : this.Ds(e, d, t, h);
      }))));
    })))));
  }
  /**
   * Performs a query based on the target's persisted query mapping. Returns
   * `null` if the mapping is not available or cannot be used.
   */
  ps(e, t, r, s) {
    return Oc(t) || s.isEqual(x.min()) ? S.resolve(null) : this.fs.getDocuments(e, r).next(((o) => {
      const a = this.bs(t, o);
      return this.Ss(t, a, r, s) ? S.resolve(null) : (Wt() <= B.DEBUG && N("QueryEngine", "Re-using previous result from %s to execute query: %s", s.toString(), Gt(t)), this.Ds(e, a, t, Hg(s, ir)).next(((u) => u)));
    }));
  }
  /** Applies the query filter and sorting to the provided documents.  */
  bs(e, t) {
    let r = new ue(Bl(e));
    return t.forEach(((s, o) => {
      Rs(e, o) && (r = r.add(o));
    })), r;
  }
  /**
   * Determines if a limit query needs to be refilled from cache, making it
   * ineligible for index-free execution.
   *
   * @param query - The query.
   * @param sortedPreviousResults - The documents that matched the query when it
   * was last synchronized, sorted by the query's comparator.
   * @param remoteKeys - The document keys that matched the query at the last
   * snapshot.
   * @param limboFreeSnapshotVersion - The version of the snapshot when the
   * query was last synchronized.
   */
  Ss(e, t, r, s) {
    if (e.limit === null)
      return !1;
    if (r.size !== t.size)
      return !0;
    const o = e.limitType === "F" ? t.last() : t.first();
    return !!o && (o.hasPendingWrites || o.version.compareTo(s) > 0);
  }
  ys(e, t, r) {
    return Wt() <= B.DEBUG && N("QueryEngine", "Using full collection scan to execute query:", Gt(t)), this.fs.getDocumentsMatchingQuery(e, t, gt.min(), r);
  }
  /**
   * Combines the results from an indexed execution with the remaining documents
   * that have not yet been indexed.
   */
  Ds(e, t, r, s) {
    return this.fs.getDocumentsMatchingQuery(e, r, s).next(((o) => (
      // Merge with existing results
      (t.forEach(((a) => {
        o = o.insert(a.key, a);
      })), o)
    )));
  }
}
const Eo = "LocalStore", Ty = 3e8;
class wy {
  constructor(e, t, r, s) {
    this.persistence = e, this.Cs = t, this.serializer = s, /**
     * Maps a targetID to data about its target.
     *
     * PORTING NOTE: We are using an immutable data structure on Web to make re-runs
     * of `applyRemoteEvent()` idempotent.
     */
    this.vs = new te(q), /** Maps a target to its targetID. */
    // TODO(wuandy): Evaluate if TargetId can be part of Target.
    this.Fs = new jt(((o) => uo(o)), lo), /**
     * A per collection group index of the last read time processed by
     * `getNewDocumentChanges()`.
     *
     * PORTING NOTE: This is only used for multi-tab synchronization.
     */
    this.Ms = /* @__PURE__ */ new Map(), this.xs = e.getRemoteDocumentCache(), this.li = e.getTargetCache(), this.Pi = e.getBundleCache(), this.Os(r);
  }
  Os(e) {
    this.documentOverlayCache = this.persistence.getDocumentOverlayCache(e), this.indexManager = this.persistence.getIndexManager(e), this.mutationQueue = this.persistence.getMutationQueue(e, this.indexManager), this.localDocuments = new ly(this.xs, this.mutationQueue, this.documentOverlayCache, this.indexManager), this.xs.setIndexManager(this.indexManager), this.Cs.initialize(this.localDocuments, this.indexManager);
  }
  collectGarbage(e) {
    return this.persistence.runTransaction("Collect garbage", "readwrite-primary", ((t) => e.collect(t, this.vs)));
  }
}
function vy(n, e, t, r) {
  return new wy(n, e, t, r);
}
async function uh(n, e) {
  const t = $(n);
  return await t.persistence.runTransaction("Handle user change", "readonly", ((r) => {
    let s;
    return t.mutationQueue.getAllMutationBatches(r).next(((o) => (s = o, t.Os(e), t.mutationQueue.getAllMutationBatches(r)))).next(((o) => {
      const a = [], u = [];
      let h = H();
      for (const d of s) {
        a.push(d.batchId);
        for (const p of d.mutations) h = h.add(p.key);
      }
      for (const d of o) {
        u.push(d.batchId);
        for (const p of d.mutations) h = h.add(p.key);
      }
      return t.localDocuments.getDocuments(r, h).next(((d) => ({
        Ns: d,
        removedBatchIds: a,
        addedBatchIds: u
      })));
    }));
  }));
}
function lh(n) {
  const e = $(n);
  return e.persistence.runTransaction("Get last remote snapshot version", "readonly", ((t) => e.li.getLastRemoteSnapshotVersion(t)));
}
function Ay(n, e) {
  const t = $(n), r = e.snapshotVersion;
  let s = t.vs;
  return t.persistence.runTransaction("Apply remote event", "readwrite-primary", ((o) => {
    const a = t.xs.newChangeBuffer({
      trackRemovals: !0
    });
    s = t.vs;
    const u = [];
    e.targetChanges.forEach(((p, I) => {
      const A = s.get(I);
      if (!A) return;
      u.push(t.li.removeMatchingKeys(o, p.removedDocuments, I).next((() => t.li.addMatchingKeys(o, p.addedDocuments, I))));
      let C = A.withSequenceNumber(o.currentSequenceNumber);
      e.targetMismatches.get(I) !== null ? C = C.withResumeToken(pe.EMPTY_BYTE_STRING, x.min()).withLastLimboFreeSnapshotVersion(x.min()) : p.resumeToken.approximateByteSize() > 0 && (C = C.withResumeToken(p.resumeToken, r)), s = s.insert(I, C), // Update the target data if there are target changes (or if
      // sufficient time has passed since the last update).
      /**
      * Returns true if the newTargetData should be persisted during an update of
      * an active target. TargetData should always be persisted when a target is
      * being released and should not call this function.
      *
      * While the target is active, TargetData updates can be omitted when nothing
      * about the target has changed except metadata like the resume token or
      * snapshot version. Occasionally it's worth the extra write to prevent these
      * values from getting too stale after a crash, but this doesn't have to be
      * too frequent.
      */
      (function(M, L, z) {
        return M.resumeToken.approximateByteSize() === 0 || L.snapshotVersion.toMicroseconds() - M.snapshotVersion.toMicroseconds() >= Ty ? !0 : z.addedDocuments.size + z.modifiedDocuments.size + z.removedDocuments.size > 0;
      })(A, C, p) && u.push(t.li.updateTargetData(o, C));
    }));
    let h = It(), d = H();
    if (e.documentUpdates.forEach(((p) => {
      e.resolvedLimboDocuments.has(p) && u.push(t.persistence.referenceDelegate.updateLimboDocument(o, p));
    })), // Each loop iteration only affects its "own" doc, so it's safe to get all
    // the remote documents in advance in a single call.
    u.push(Ry(o, a, e.documentUpdates).next(((p) => {
      h = p.Bs, d = p.Ls;
    }))), !r.isEqual(x.min())) {
      const p = t.li.getLastRemoteSnapshotVersion(o).next(((I) => t.li.setTargetsMetadata(o, o.currentSequenceNumber, r)));
      u.push(p);
    }
    return S.waitFor(u).next((() => a.apply(o))).next((() => t.localDocuments.getLocalViewOfDocuments(o, h, d))).next((() => h));
  })).then(((o) => (t.vs = s, o)));
}
function Ry(n, e, t) {
  let r = H(), s = H();
  return t.forEach(((o) => r = r.add(o))), e.getEntries(n, r).next(((o) => {
    let a = It();
    return t.forEach(((u, h) => {
      const d = o.get(u);
      h.isFoundDocument() !== d.isFoundDocument() && (s = s.add(u)), // Note: The order of the steps below is important, since we want
      // to ensure that rejected limbo resolutions (which fabricate
      // NoDocuments with SnapshotVersion.min()) never add documents to
      // cache.
      h.isNoDocument() && h.version.isEqual(x.min()) ? (
        // NoDocuments with SnapshotVersion.min() are used in manufactured
        // events. We remove these documents from cache since we lost
        // access.
        (e.removeEntry(u, h.readTime), a = a.insert(u, h))
      ) : !d.isValidDocument() || h.version.compareTo(d.version) > 0 || h.version.compareTo(d.version) === 0 && d.hasPendingWrites ? (e.addEntry(h), a = a.insert(u, h)) : N(Eo, "Ignoring outdated watch update for ", u, ". Current version:", d.version, " Watch version:", h.version);
    })), {
      Bs: a,
      Ls: s
    };
  }));
}
function Sy(n, e) {
  const t = $(n);
  return t.persistence.runTransaction("Allocate target", "readwrite", ((r) => {
    let s;
    return t.li.getTargetData(r, e).next(((o) => o ? (
      // This target has been listened to previously, so reuse the
      // previous targetID.
      // TODO(mcg): freshen last accessed date?
      (s = o, S.resolve(s))
    ) : t.li.allocateTargetId(r).next(((a) => (s = new lt(e, a, "TargetPurposeListen", r.currentSequenceNumber), t.li.addTargetData(r, s).next((() => s)))))));
  })).then(((r) => {
    const s = t.vs.get(r.targetId);
    return (s === null || r.snapshotVersion.compareTo(s.snapshotVersion) > 0) && (t.vs = t.vs.insert(r.targetId, r), t.Fs.set(e, r.targetId)), r;
  }));
}
async function xi(n, e, t) {
  const r = $(n), s = r.vs.get(e), o = t ? "readwrite" : "readwrite-primary";
  try {
    t || await r.persistence.runTransaction("Release target", o, ((a) => r.persistence.referenceDelegate.removeTarget(a, s)));
  } catch (a) {
    if (!yn(a)) throw a;
    N(Eo, `Failed to update sequence numbers for target ${e}: ${a}`);
  }
  r.vs = r.vs.remove(e), r.Fs.delete(s.target);
}
function Gc(n, e, t) {
  const r = $(n);
  let s = x.min(), o = H();
  return r.persistence.runTransaction(
    "Execute query",
    "readwrite",
    // Use readwrite instead of readonly so indexes can be created
    // Use readwrite instead of readonly so indexes can be created
    ((a) => (function(h, d, p) {
      const I = $(h), A = I.Fs.get(p);
      return A !== void 0 ? S.resolve(I.vs.get(A)) : I.li.getTargetData(d, p);
    })(r, a, $e(e)).next(((u) => {
      if (u) return s = u.lastLimboFreeSnapshotVersion, r.li.getMatchingKeysForTargetId(a, u.targetId).next(((h) => {
        o = h;
      }));
    })).next((() => r.Cs.getDocumentsMatchingQuery(a, e, t ? s : x.min(), t ? o : H()))).next(((u) => (Py(r, I_(e), u), {
      documents: u,
      ks: o
    }))))
  );
}
function Py(n, e, t) {
  let r = n.Ms.get(e) || x.min();
  t.forEach(((s, o) => {
    o.readTime.compareTo(r) > 0 && (r = o.readTime);
  })), n.Ms.set(e, r);
}
class Kc {
  constructor() {
    this.activeTargetIds = S_();
  }
  Qs(e) {
    this.activeTargetIds = this.activeTargetIds.add(e);
  }
  Gs(e) {
    this.activeTargetIds = this.activeTargetIds.delete(e);
  }
  /**
   * Converts this entry into a JSON-encoded format we can use for WebStorage.
   * Does not encode `clientId` as it is part of the key in WebStorage.
   */
  Ws() {
    const e = {
      activeTargetIds: this.activeTargetIds.toArray(),
      updateTimeMs: Date.now()
    };
    return JSON.stringify(e);
  }
}
class Cy {
  constructor() {
    this.vo = new Kc(), this.Fo = {}, this.onlineStateHandler = null, this.sequenceNumberHandler = null;
  }
  addPendingMutation(e) {
  }
  updateMutationState(e, t, r) {
  }
  addLocalQueryTarget(e, t = !0) {
    return t && this.vo.Qs(e), this.Fo[e] || "not-current";
  }
  updateQueryState(e, t, r) {
    this.Fo[e] = t;
  }
  removeLocalQueryTarget(e) {
    this.vo.Gs(e);
  }
  isLocalQueryTarget(e) {
    return this.vo.activeTargetIds.has(e);
  }
  clearQueryState(e) {
    delete this.Fo[e];
  }
  getAllActiveQueryTargets() {
    return this.vo.activeTargetIds;
  }
  isActiveQueryTarget(e) {
    return this.vo.activeTargetIds.has(e);
  }
  start() {
    return this.vo = new Kc(), Promise.resolve();
  }
  handleUserChange(e, t, r) {
  }
  setOnlineState(e) {
  }
  shutdown() {
  }
  writeSequenceNumber(e) {
  }
  notifyBundleLoaded(e) {
  }
}
class by {
  Mo(e) {
  }
  shutdown() {
  }
}
const Qc = "ConnectivityMonitor";
class Jc {
  constructor() {
    this.xo = () => this.Oo(), this.No = () => this.Bo(), this.Lo = [], this.ko();
  }
  Mo(e) {
    this.Lo.push(e);
  }
  shutdown() {
    window.removeEventListener("online", this.xo), window.removeEventListener("offline", this.No);
  }
  ko() {
    window.addEventListener("online", this.xo), window.addEventListener("offline", this.No);
  }
  Oo() {
    N(Qc, "Network connectivity changed: AVAILABLE");
    for (const e of this.Lo) e(
      0
      /* NetworkStatus.AVAILABLE */
    );
  }
  Bo() {
    N(Qc, "Network connectivity changed: UNAVAILABLE");
    for (const e of this.Lo) e(
      1
      /* NetworkStatus.UNAVAILABLE */
    );
  }
  // TODO(chenbrian): Consider passing in window either into this component or
  // here for testing via FakeWindow.
  /** Checks that all used attributes of window are available. */
  static v() {
    return typeof window < "u" && window.addEventListener !== void 0 && window.removeEventListener !== void 0;
  }
}
let Ur = null;
function Fi() {
  return Ur === null ? Ur = (function() {
    return 268435456 + Math.round(2147483648 * Math.random());
  })() : Ur++, "0x" + Ur.toString(16);
}
const pi = "RestConnection", ky = {
  BatchGetDocuments: "batchGet",
  Commit: "commit",
  RunQuery: "runQuery",
  RunAggregationQuery: "runAggregationQuery",
  ExecutePipeline: "executePipeline"
};
class Vy {
  get Ko() {
    return !1;
  }
  constructor(e) {
    this.databaseInfo = e, this.databaseId = e.databaseId;
    const t = e.ssl ? "https" : "http", r = encodeURIComponent(this.databaseId.projectId), s = encodeURIComponent(this.databaseId.database);
    this.qo = t + "://" + e.host, this.Uo = `projects/${r}/databases/${s}`, this.$o = this.databaseId.database === ss ? `project_id=${r}` : `project_id=${r}&database_id=${s}`;
  }
  Wo(e, t, r, s, o) {
    const a = Fi(), u = this.Qo(e, t.toUriEncodedString());
    N(pi, `Sending RPC '${e}' ${a}:`, u, r);
    const h = {
      "google-cloud-resource-prefix": this.Uo,
      "x-goog-request-params": this.$o
    };
    this.Go(h, s, o);
    const { host: d } = new URL(u), p = fn(d);
    return this.zo(e, u, h, r, p).then(((I) => (N(pi, `Received RPC '${e}' ${a}: `, I), I)), ((I) => {
      throw qt(pi, `RPC '${e}' ${a} failed with error: `, I, "url: ", u, "request:", r), I;
    }));
  }
  jo(e, t, r, s, o, a) {
    return this.Wo(e, t, r, s, o);
  }
  /**
   * Modifies the headers for a request, adding any authorization token if
   * present and any additional headers for the request.
   */
  Go(e, t, r) {
    e["X-Goog-Api-Client"] = // SDK_VERSION is updated to different value at runtime depending on the entry point,
    // so we need to get its value when we need it in a function.
    (function() {
      return "gl-js/ fire/" + _n;
    })(), // Content-Type: text/plain will avoid preflight requests which might
    // mess with CORS and redirects by proxies. If we add custom headers
    // we will need to change this code to potentially use the $httpOverwrite
    // parameter supported by ESF to avoid triggering preflight requests.
    e["Content-Type"] = "text/plain", this.databaseInfo.appId && (e["X-Firebase-GMPID"] = this.databaseInfo.appId), t && t.headers.forEach(((s, o) => e[o] = s)), r && r.headers.forEach(((s, o) => e[o] = s));
  }
  Qo(e, t) {
    const r = ky[e];
    let s = `${this.qo}/v1/${t}:${r}`;
    return this.databaseInfo.apiKey && (s = `${s}?key=${encodeURIComponent(this.databaseInfo.apiKey)}`), s;
  }
  /**
   * Closes and cleans up any resources associated with the connection. This
   * implementation is a no-op because there are no resources associated
   * with the RestConnection that need to be cleaned up.
   */
  terminate() {
  }
}
class Ny {
  constructor(e) {
    this.Ho = e.Ho, this.Jo = e.Jo;
  }
  Zo(e) {
    this.Xo = e;
  }
  Yo(e) {
    this.e_ = e;
  }
  t_(e) {
    this.n_ = e;
  }
  onMessage(e) {
    this.r_ = e;
  }
  close() {
    this.Jo();
  }
  send(e) {
    this.Ho(e);
  }
  i_() {
    this.Xo();
  }
  s_() {
    this.e_();
  }
  o_(e) {
    this.n_(e);
  }
  __(e) {
    this.r_(e);
  }
}
const _e = "WebChannelConnection", Un = (n, e, t) => {
  n.listen(e, ((r) => {
    try {
      t(r);
    } catch (s) {
      setTimeout((() => {
        throw s;
      }), 0);
    }
  }));
};
class nn extends Vy {
  constructor(e) {
    super(e), /** A collection of open WebChannel instances */
    this.a_ = [], this.forceLongPolling = e.forceLongPolling, this.autoDetectLongPolling = e.autoDetectLongPolling, this.useFetchStreams = e.useFetchStreams, this.longPollingOptions = e.longPollingOptions;
  }
  /**
   * Initialize STAT_EVENT listener once. Subsequent calls are a no-op.
   * getStatEventTarget() returns the same target every time.
   */
  static u_() {
    if (!nn.c_) {
      const e = _l();
      Un(e, gl.STAT_EVENT, ((t) => {
        t.stat === Ri.PROXY ? N(_e, "STAT_EVENT: detected buffering proxy") : t.stat === Ri.NOPROXY && N(_e, "STAT_EVENT: detected no buffering proxy");
      })), nn.c_ = !0;
    }
  }
  zo(e, t, r, s, o) {
    const a = Fi();
    return new Promise(((u, h) => {
      const d = new pl();
      d.setWithCredentials(!0), d.listenOnce(ml.COMPLETE, (() => {
        try {
          switch (d.getLastErrorCode()) {
            case Hr.NO_ERROR:
              const I = d.getResponseJson();
              N(_e, `XHR for RPC '${e}' ${a} received:`, JSON.stringify(I)), u(I);
              break;
            case Hr.TIMEOUT:
              N(_e, `RPC '${e}' ${a} timed out`), h(new V(P.DEADLINE_EXCEEDED, "Request time out"));
              break;
            case Hr.HTTP_ERROR:
              const A = d.getStatus();
              if (N(_e, `RPC '${e}' ${a} failed with status:`, A, "response text:", d.getResponseText()), A > 0) {
                let C = d.getResponseJson();
                Array.isArray(C) && (C = C[0]);
                const D = C?.error;
                if (D && D.status && D.message) {
                  const M = (function(z) {
                    const G = z.toLowerCase().replace(/_/g, "-");
                    return Object.values(P).indexOf(G) >= 0 ? G : P.UNKNOWN;
                  })(D.status);
                  h(new V(M, D.message));
                } else h(new V(P.UNKNOWN, "Server responded with status " + d.getStatus()));
              } else
                h(new V(P.UNAVAILABLE, "Connection failed."));
              break;
            default:
              F(9055, {
                l_: e,
                streamId: a,
                h_: d.getLastErrorCode(),
                P_: d.getLastError()
              });
          }
        } finally {
          N(_e, `RPC '${e}' ${a} completed.`);
        }
      }));
      const p = JSON.stringify(s);
      N(_e, `RPC '${e}' ${a} sending request:`, s), d.send(t, "POST", p, r, 15);
    }));
  }
  T_(e, t, r) {
    const s = Fi(), o = [this.qo, "/", "google.firestore.v1.Firestore", "/", e, "/channel"], a = this.createWebChannelTransport(), u = {
      // Required for backend stickiness, routing behavior is based on this
      // parameter.
      httpSessionIdParam: "gsessionid",
      initMessageHeaders: {},
      messageUrlParams: {
        // This param is used to improve routing and project isolation by the
        // backend and must be included in every request.
        database: `projects/${this.databaseId.projectId}/databases/${this.databaseId.database}`
      },
      sendRawJson: !0,
      supportsCrossDomainXhr: !0,
      internalChannelParams: {
        // Override the default timeout (randomized between 10-20 seconds) since
        // a large write batch on a slow internet connection may take a long
        // time to send to the backend. Rather than have WebChannel impose a
        // tight timeout which could lead to infinite timeouts and retries, we
        // set it very large (5-10 minutes) and rely on the browser's builtin
        // timeouts to kick in if the request isn't working.
        forwardChannelRequestTimeoutMs: 6e5
      },
      forceLongPolling: this.forceLongPolling,
      detectBufferingProxy: this.autoDetectLongPolling
    }, h = this.longPollingOptions.timeoutSeconds;
    h !== void 0 && (u.longPollingTimeout = Math.round(1e3 * h)), this.useFetchStreams && (u.useFetchStreams = !0), this.Go(u.initMessageHeaders, t, r), // Sending the custom headers we just added to request.initMessageHeaders
    // (Authorization, etc.) will trigger the browser to make a CORS preflight
    // request because the XHR will no longer meet the criteria for a "simple"
    // CORS request:
    // https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#Simple_requests
    // Therefore to avoid the CORS preflight request (an extra network
    // roundtrip), we use the encodeInitMessageHeaders option to specify that
    // the headers should instead be encoded in the request's POST payload,
    // which is recognized by the webchannel backend.
    u.encodeInitMessageHeaders = !0;
    const d = o.join("");
    N(_e, `Creating RPC '${e}' stream ${s}: ${d}`, u);
    const p = a.createWebChannel(d, u);
    this.I_(p);
    let I = !1, A = !1;
    const C = new Ny({
      Ho: (D) => {
        A ? N(_e, `Not sending because RPC '${e}' stream ${s} is closed:`, D) : (I || (N(_e, `Opening RPC '${e}' stream ${s} transport.`), p.open(), I = !0), N(_e, `RPC '${e}' stream ${s} sending:`, D), p.send(D));
      },
      Jo: () => p.close()
    });
    return Un(p, $n.EventType.OPEN, (() => {
      A || (N(_e, `RPC '${e}' stream ${s} transport opened.`), C.i_());
    })), Un(p, $n.EventType.CLOSE, (() => {
      A || (A = !0, N(_e, `RPC '${e}' stream ${s} transport closed`), C.o_(), this.E_(p));
    })), Un(p, $n.EventType.ERROR, ((D) => {
      A || (A = !0, qt(_e, `RPC '${e}' stream ${s} transport errored. Name:`, D.name, "Message:", D.message), C.o_(new V(P.UNAVAILABLE, "The operation could not be completed")));
    })), Un(p, $n.EventType.MESSAGE, ((D) => {
      if (!A) {
        const M = D.data[0];
        Y(!!M, 16349);
        const L = M, z = L?.error || L[0]?.error;
        if (z) {
          N(_e, `RPC '${e}' stream ${s} received error:`, z);
          const G = z.status;
          let X = (
            /**
            * Maps an error Code from a GRPC status identifier like 'NOT_FOUND'.
            *
            * @returns The Code equivalent to the given status string or undefined if
            *     there is no match.
            */
            (function(de) {
              const E = ne[de];
              if (E !== void 0) return Ql(E);
            })(G)
          ), me = z.message;
          G === "NOT_FOUND" && me.includes("database") && me.includes("does not exist") && me.includes(this.databaseId.database) && qt(`Database '${this.databaseId.database}' not found. Please check your project configuration.`), X === void 0 && (X = P.INTERNAL, me = "Unknown error status: " + G + " with message " + z.message), // Mark closed so no further events are propagated
          A = !0, C.o_(new V(X, me)), p.close();
        } else N(_e, `RPC '${e}' stream ${s} received:`, M), C.__(M);
      }
    })), // Ensure that event listeners are configured for STAT_EVENTs.
    nn.u_(), setTimeout((() => {
      C.s_();
    }), 0), C;
  }
  /**
   * Closes and cleans up any resources associated with the connection.
   */
  terminate() {
    this.a_.forEach(((e) => e.close())), this.a_ = [];
  }
  /**
   * Add a WebChannel instance to the collection of open instances.
   * @param webChannel
   */
  I_(e) {
    this.a_.push(e);
  }
  /**
   * Remove a WebChannel instance from the collection of open instances.
   * @param webChannel
   */
  E_(e) {
    this.a_ = this.a_.filter(((t) => t === e));
  }
  /**
   * Modifies the headers for a request, adding the api key if present,
   * and then calling super.modifyHeadersForRequest
   */
  Go(e, t, r) {
    super.Go(e, t, r), // For web channel streams, we want to send the api key in the headers.
    this.databaseInfo.apiKey && (e["x-goog-api-key"] = this.databaseInfo.apiKey);
  }
  /**
   * Wrapped for mocking.
   * @protected
   */
  createWebChannelTransport() {
    return yl();
  }
}
function Dy(n) {
  return new nn(n);
}
function mi() {
  return typeof document < "u" ? document : null;
}
function bs(n) {
  return new $_(
    n,
    /* useProto3Json= */
    !0
  );
}
nn.c_ = !1;
class hh {
  constructor(e, t, r = 1e3, s = 1.5, o = 6e4) {
    this.Ci = e, this.timerId = t, this.R_ = r, this.A_ = s, this.V_ = o, this.d_ = 0, this.m_ = null, /** The last backoff attempt, as epoch milliseconds. */
    this.f_ = Date.now(), this.reset();
  }
  /**
   * Resets the backoff delay.
   *
   * The very next backoffAndWait() will have no delay. If it is called again
   * (i.e. due to an error), initialDelayMs (plus jitter) will be used, and
   * subsequent ones will increase according to the backoffFactor.
   */
  reset() {
    this.d_ = 0;
  }
  /**
   * Resets the backoff delay to the maximum delay (e.g. for use after a
   * RESOURCE_EXHAUSTED error).
   */
  g_() {
    this.d_ = this.V_;
  }
  /**
   * Returns a promise that resolves after currentDelayMs, and increases the
   * delay for any subsequent attempts. If there was a pending backoff operation
   * already, it will be canceled.
   */
  p_(e) {
    this.cancel();
    const t = Math.floor(this.d_ + this.y_()), r = Math.max(0, Date.now() - this.f_), s = Math.max(0, t - r);
    s > 0 && N("ExponentialBackoff", `Backing off for ${s} ms (base delay: ${this.d_} ms, delay with jitter: ${t} ms, last attempt: ${r} ms ago)`), this.m_ = this.Ci.enqueueAfterDelay(this.timerId, s, (() => (this.f_ = Date.now(), e()))), // Apply backoff factor to determine next delay and ensure it is within
    // bounds.
    this.d_ *= this.A_, this.d_ < this.R_ && (this.d_ = this.R_), this.d_ > this.V_ && (this.d_ = this.V_);
  }
  w_() {
    this.m_ !== null && (this.m_.skipDelay(), this.m_ = null);
  }
  cancel() {
    this.m_ !== null && (this.m_.cancel(), this.m_ = null);
  }
  /** Returns a random value in the range [-currentBaseMs/2, currentBaseMs/2] */
  y_() {
    return (Math.random() - 0.5) * this.d_;
  }
}
const Yc = "PersistentStream";
class Oy {
  constructor(e, t, r, s, o, a, u, h) {
    this.Ci = e, this.b_ = r, this.S_ = s, this.connection = o, this.authCredentialsProvider = a, this.appCheckCredentialsProvider = u, this.listener = h, this.state = 0, /**
     * A close count that's incremented every time the stream is closed; used by
     * getCloseGuardedDispatcher() to invalidate callbacks that happen after
     * close.
     */
    this.D_ = 0, this.C_ = null, this.v_ = null, this.stream = null, /**
     * Count of response messages received.
     */
    this.F_ = 0, this.M_ = new hh(e, t);
  }
  /**
   * Returns true if start() has been called and no error has occurred. True
   * indicates the stream is open or in the process of opening (which
   * encompasses respecting backoff, getting auth tokens, and starting the
   * actual RPC). Use isOpen() to determine if the stream is open and ready for
   * outbound requests.
   */
  x_() {
    return this.state === 1 || this.state === 5 || this.O_();
  }
  /**
   * Returns true if the underlying RPC is open (the onOpen() listener has been
   * called) and the stream is ready for outbound requests.
   */
  O_() {
    return this.state === 2 || this.state === 3;
  }
  /**
   * Starts the RPC. Only allowed if isStarted() returns false. The stream is
   * not immediately ready for use: onOpen() will be invoked when the RPC is
   * ready for outbound requests, at which point isOpen() will return true.
   *
   * When start returns, isStarted() will return true.
   */
  start() {
    this.F_ = 0, this.state !== 4 ? this.auth() : this.N_();
  }
  /**
   * Stops the RPC. This call is idempotent and allowed regardless of the
   * current isStarted() state.
   *
   * When stop returns, isStarted() and isOpen() will both return false.
   */
  async stop() {
    this.x_() && await this.close(
      0
      /* PersistentStreamState.Initial */
    );
  }
  /**
   * After an error the stream will usually back off on the next attempt to
   * start it. If the error warrants an immediate restart of the stream, the
   * sender can use this to indicate that the receiver should not back off.
   *
   * Each error will call the onClose() listener. That function can decide to
   * inhibit backoff if required.
   */
  B_() {
    this.state = 0, this.M_.reset();
  }
  /**
   * Marks this stream as idle. If no further actions are performed on the
   * stream for one minute, the stream will automatically close itself and
   * notify the stream's onClose() handler with Status.OK. The stream will then
   * be in a !isStarted() state, requiring the caller to start the stream again
   * before further use.
   *
   * Only streams that are in state 'Open' can be marked idle, as all other
   * states imply pending network operations.
   */
  L_() {
    this.O_() && this.C_ === null && (this.C_ = this.Ci.enqueueAfterDelay(this.b_, 6e4, (() => this.k_())));
  }
  /** Sends a message to the underlying stream. */
  K_(e) {
    this.q_(), this.stream.send(e);
  }
  /** Called by the idle timer when the stream should close due to inactivity. */
  async k_() {
    if (this.O_())
      return this.close(
        0
        /* PersistentStreamState.Initial */
      );
  }
  /** Marks the stream as active again. */
  q_() {
    this.C_ && (this.C_.cancel(), this.C_ = null);
  }
  /** Cancels the health check delayed operation. */
  U_() {
    this.v_ && (this.v_.cancel(), this.v_ = null);
  }
  /**
   * Closes the stream and cleans up as necessary:
   *
   * * closes the underlying GRPC stream;
   * * calls the onClose handler with the given 'error';
   * * sets internal stream state to 'finalState';
   * * adjusts the backoff timer based on the error
   *
   * A new stream can be opened by calling start().
   *
   * @param finalState - the intended state of the stream after closing.
   * @param error - the error the connection was closed with.
   */
  async close(e, t) {
    this.q_(), this.U_(), this.M_.cancel(), // Invalidates any stream-related callbacks (e.g. from auth or the
    // underlying stream), guaranteeing they won't execute.
    this.D_++, e !== 4 ? (
      // If this is an intentional close ensure we don't delay our next connection attempt.
      this.M_.reset()
    ) : t && t.code === P.RESOURCE_EXHAUSTED ? (
      // Log the error. (Probably either 'quota exceeded' or 'max queue length reached'.)
      (Je(t.toString()), Je("Using maximum backoff delay to prevent overloading the backend."), this.M_.g_())
    ) : t && t.code === P.UNAUTHENTICATED && this.state !== 3 && // "unauthenticated" error means the token was rejected. This should rarely
    // happen since both Auth and AppCheck ensure a sufficient TTL when we
    // request a token. If a user manually resets their system clock this can
    // fail, however. In this case, we should get a Code.UNAUTHENTICATED error
    // before we received the first message and we need to invalidate the token
    // to ensure that we fetch a new token.
    (this.authCredentialsProvider.invalidateToken(), this.appCheckCredentialsProvider.invalidateToken()), // Clean up the underlying stream because we are no longer interested in events.
    this.stream !== null && (this.W_(), this.stream.close(), this.stream = null), // This state must be assigned before calling onClose() to allow the callback to
    // inhibit backoff or otherwise manipulate the state in its non-started state.
    this.state = e, // Notify the listener that the stream closed.
    await this.listener.t_(t);
  }
  /**
   * Can be overridden to perform additional cleanup before the stream is closed.
   * Calling super.tearDown() is not required.
   */
  W_() {
  }
  auth() {
    this.state = 1;
    const e = this.Q_(this.D_), t = this.D_;
    Promise.all([this.authCredentialsProvider.getToken(), this.appCheckCredentialsProvider.getToken()]).then((([r, s]) => {
      this.D_ === t && // Normally we'd have to schedule the callback on the AsyncQueue.
      // However, the following calls are safe to be called outside the
      // AsyncQueue since they don't chain asynchronous calls
      this.G_(r, s);
    }), ((r) => {
      e((() => {
        const s = new V(P.UNKNOWN, "Fetching auth token failed: " + r.message);
        return this.z_(s);
      }));
    }));
  }
  G_(e, t) {
    const r = this.Q_(this.D_);
    this.stream = this.j_(e, t), this.stream.Zo((() => {
      r((() => this.listener.Zo()));
    })), this.stream.Yo((() => {
      r((() => (this.state = 2, this.v_ = this.Ci.enqueueAfterDelay(this.S_, 1e4, (() => (this.O_() && (this.state = 3), Promise.resolve()))), this.listener.Yo())));
    })), this.stream.t_(((s) => {
      r((() => this.z_(s)));
    })), this.stream.onMessage(((s) => {
      r((() => ++this.F_ == 1 ? this.H_(s) : this.onNext(s)));
    }));
  }
  N_() {
    this.state = 5, this.M_.p_((async () => {
      this.state = 0, this.start();
    }));
  }
  // Visible for tests
  z_(e) {
    return N(Yc, `close with error: ${e}`), this.stream = null, this.close(4, e);
  }
  /**
   * Returns a "dispatcher" function that dispatches operations onto the
   * AsyncQueue but only runs them if closeCount remains unchanged. This allows
   * us to turn auth / stream callbacks into no-ops if the stream is closed /
   * re-opened, etc.
   */
  Q_(e) {
    return (t) => {
      this.Ci.enqueueAndForget((() => this.D_ === e ? t() : (N(Yc, "stream callback skipped by getCloseGuardedDispatcher."), Promise.resolve())));
    };
  }
}
class Ly extends Oy {
  constructor(e, t, r, s, o, a) {
    super(e, "listen_stream_connection_backoff", "listen_stream_idle", "health_check_timeout", t, r, s, a), this.serializer = o;
  }
  j_(e, t) {
    return this.connection.T_("Listen", e, t);
  }
  H_(e) {
    return this.onNext(e);
  }
  onNext(e) {
    this.M_.reset();
    const t = z_(this.serializer, e), r = (function(o) {
      if (!("targetChange" in o)) return x.min();
      const a = o.targetChange;
      return a.targetIds && a.targetIds.length ? x.min() : a.readTime ? tn(a.readTime) : x.min();
    })(e);
    return this.listener.J_(t, r);
  }
  /**
   * Registers interest in the results of the given target. If the target
   * includes a resumeToken it will be included in the request. Results that
   * affect the target will be streamed back as WatchChange messages that
   * reference the targetId.
   */
  Z_(e) {
    const t = {};
    t.database = $c(this.serializer), t.addTarget = (function(o, a) {
      let u;
      const h = a.target;
      if (u = ki(h) ? {
        documents: W_(o, h)
      } : {
        query: G_(o, h).ft
      }, u.targetId = a.targetId, a.resumeToken.approximateByteSize() > 0) {
        u.resumeToken = Xl(o, a.resumeToken);
        const d = Oi(o, a.expectedCount);
        d !== null && (u.expectedCount = d);
      } else if (a.snapshotVersion.compareTo(x.min()) > 0) {
        u.readTime = Li(o, a.snapshotVersion.toTimestamp());
        const d = Oi(o, a.expectedCount);
        d !== null && (u.expectedCount = d);
      }
      return u;
    })(this.serializer, e);
    const r = Q_(this.serializer, e);
    r && (t.labels = r), this.K_(t);
  }
  /**
   * Unregisters interest in the results of the target associated with the
   * given targetId.
   */
  X_(e) {
    const t = {};
    t.database = $c(this.serializer), t.removeTarget = e, this.K_(t);
  }
}
class My {
}
class xy extends My {
  constructor(e, t, r, s) {
    super(), this.authCredentials = e, this.appCheckCredentials = t, this.connection = r, this.serializer = s, this.ia = !1;
  }
  sa() {
    if (this.ia) throw new V(P.FAILED_PRECONDITION, "The client has already been terminated.");
  }
  /** Invokes the provided RPC with auth and AppCheck tokens. */
  Wo(e, t, r, s) {
    return this.sa(), Promise.all([this.authCredentials.getToken(), this.appCheckCredentials.getToken()]).then((([o, a]) => this.connection.Wo(e, Mi(t, r), s, o, a))).catch(((o) => {
      throw o.name === "FirebaseError" ? (o.code === P.UNAUTHENTICATED && (this.authCredentials.invalidateToken(), this.appCheckCredentials.invalidateToken()), o) : new V(P.UNKNOWN, o.toString());
    }));
  }
  /** Invokes the provided RPC with streamed results with auth and AppCheck tokens. */
  jo(e, t, r, s, o) {
    return this.sa(), Promise.all([this.authCredentials.getToken(), this.appCheckCredentials.getToken()]).then((([a, u]) => this.connection.jo(e, Mi(t, r), s, a, u, o))).catch(((a) => {
      throw a.name === "FirebaseError" ? (a.code === P.UNAUTHENTICATED && (this.authCredentials.invalidateToken(), this.appCheckCredentials.invalidateToken()), a) : new V(P.UNKNOWN, a.toString());
    }));
  }
  terminate() {
    this.ia = !0, this.connection.terminate();
  }
}
function Fy(n, e, t, r) {
  return new xy(n, e, t, r);
}
class Uy {
  constructor(e, t) {
    this.asyncQueue = e, this.onlineStateHandler = t, /** The current OnlineState. */
    this.state = "Unknown", /**
     * A count of consecutive failures to open the stream. If it reaches the
     * maximum defined by MAX_WATCH_STREAM_FAILURES, we'll set the OnlineState to
     * Offline.
     */
    this.oa = 0, /**
     * A timer that elapses after ONLINE_STATE_TIMEOUT_MS, at which point we
     * transition from OnlineState.Unknown to OnlineState.Offline without waiting
     * for the stream to actually fail (MAX_WATCH_STREAM_FAILURES times).
     */
    this._a = null, /**
     * Whether the client should log a warning message if it fails to connect to
     * the backend (initially true, cleared after a successful stream, or if we've
     * logged the message already).
     */
    this.aa = !0;
  }
  /**
   * Called by RemoteStore when a watch stream is started (including on each
   * backoff attempt).
   *
   * If this is the first attempt, it sets the OnlineState to Unknown and starts
   * the onlineStateTimer.
   */
  ua() {
    this.oa === 0 && (this.ca(
      "Unknown"
      /* OnlineState.Unknown */
    ), this._a = this.asyncQueue.enqueueAfterDelay("online_state_timeout", 1e4, (() => (this._a = null, this.la("Backend didn't respond within 10 seconds."), this.ca(
      "Offline"
      /* OnlineState.Offline */
    ), Promise.resolve()))));
  }
  /**
   * Updates our OnlineState as appropriate after the watch stream reports a
   * failure. The first failure moves us to the 'Unknown' state. We then may
   * allow multiple failures (based on MAX_WATCH_STREAM_FAILURES) before we
   * actually transition to the 'Offline' state.
   */
  ha(e) {
    this.state === "Online" ? this.ca(
      "Unknown"
      /* OnlineState.Unknown */
    ) : (this.oa++, this.oa >= 1 && (this.Pa(), this.la(`Connection failed 1 times. Most recent error: ${e.toString()}`), this.ca(
      "Offline"
      /* OnlineState.Offline */
    )));
  }
  /**
   * Explicitly sets the OnlineState to the specified state.
   *
   * Note that this resets our timers / failure counters, etc. used by our
   * Offline heuristics, so must not be used in place of
   * handleWatchStreamStart() and handleWatchStreamFailure().
   */
  set(e) {
    this.Pa(), this.oa = 0, e === "Online" && // We've connected to watch at least once. Don't warn the developer
    // about being offline going forward.
    (this.aa = !1), this.ca(e);
  }
  ca(e) {
    e !== this.state && (this.state = e, this.onlineStateHandler(e));
  }
  la(e) {
    const t = `Could not reach Cloud Firestore backend. ${e}
This typically indicates that your device does not have a healthy Internet connection at the moment. The client will operate in offline mode until it is able to successfully connect to the backend.`;
    this.aa ? (Je(t), this.aa = !1) : N("OnlineStateTracker", t);
  }
  Pa() {
    this._a !== null && (this._a.cancel(), this._a = null);
  }
}
const hn = "RemoteStore";
class By {
  constructor(e, t, r, s, o) {
    this.localStore = e, this.datastore = t, this.asyncQueue = r, this.remoteSyncer = {}, /**
     * A list of up to MAX_PENDING_WRITES writes that we have fetched from the
     * LocalStore via fillWritePipeline() and have or will send to the write
     * stream.
     *
     * Whenever writePipeline.length > 0 the RemoteStore will attempt to start or
     * restart the write stream. When the stream is established the writes in the
     * pipeline will be sent in order.
     *
     * Writes remain in writePipeline until they are acknowledged by the backend
     * and thus will automatically be re-sent if the stream is interrupted /
     * restarted before they're acknowledged.
     *
     * Write responses from the backend are linked to their originating request
     * purely based on order, and so we can just shift() writes from the front of
     * the writePipeline as we receive responses.
     */
    this.Ta = [], /**
     * A mapping of watched targets that the client cares about tracking and the
     * user has explicitly called a 'listen' for this target.
     *
     * These targets may or may not have been sent to or acknowledged by the
     * server. On re-establishing the listen stream, these targets should be sent
     * to the server. The targets removed with unlistens are removed eagerly
     * without waiting for confirmation from the listen stream.
     */
    this.Ia = /* @__PURE__ */ new Map(), /**
     * A set of reasons for why the RemoteStore may be offline. If empty, the
     * RemoteStore may start its network connections.
     */
    this.Ea = /* @__PURE__ */ new Set(), /**
     * Event handlers that get called when the network is disabled or enabled.
     *
     * PORTING NOTE: These functions are used on the Web client to create the
     * underlying streams (to support tree-shakeable streams). On Android and iOS,
     * the streams are created during construction of RemoteStore.
     */
    this.Ra = [], this.Aa = o, this.Aa.Mo(((a) => {
      r.enqueueAndForget((async () => {
        yr(this) && (N(hn, "Restarting streams for network reachability change."), await (async function(h) {
          const d = $(h);
          d.Ea.add(
            4
            /* OfflineCause.ConnectivityChange */
          ), await _r(d), d.Va.set(
            "Unknown"
            /* OnlineState.Unknown */
          ), d.Ea.delete(
            4
            /* OfflineCause.ConnectivityChange */
          ), await ks(d);
        })(this));
      }));
    })), this.Va = new Uy(r, s);
  }
}
async function ks(n) {
  if (yr(n)) for (const e of n.Ra) await e(
    /* enabled= */
    !0
  );
}
async function _r(n) {
  for (const e of n.Ra) await e(
    /* enabled= */
    !1
  );
}
function dh(n, e) {
  const t = $(n);
  t.Ia.has(e.targetId) || // Mark this as something the client is currently listening for.
  (t.Ia.set(e.targetId, e), vo(t) ? (
    // The listen will be sent in onWatchStreamOpen
    wo(t)
  ) : Tn(t).O_() && To(t, e));
}
function Io(n, e) {
  const t = $(n), r = Tn(t);
  t.Ia.delete(e), r.O_() && fh(t, e), t.Ia.size === 0 && (r.O_() ? r.L_() : yr(t) && // Revert to OnlineState.Unknown if the watch stream is not open and we
  // have no listeners, since without any listens to send we cannot
  // confirm if the stream is healthy and upgrade to OnlineState.Online.
  t.Va.set(
    "Unknown"
    /* OnlineState.Unknown */
  ));
}
function To(n, e) {
  if (n.da.$e(e.targetId), e.resumeToken.approximateByteSize() > 0 || e.snapshotVersion.compareTo(x.min()) > 0) {
    const t = n.remoteSyncer.getRemoteKeysForTarget(e.targetId).size;
    e = e.withExpectedCount(t);
  }
  Tn(n).Z_(e);
}
function fh(n, e) {
  n.da.$e(e), Tn(n).X_(e);
}
function wo(n) {
  n.da = new U_({
    getRemoteKeysForTarget: (e) => n.remoteSyncer.getRemoteKeysForTarget(e),
    At: (e) => n.Ia.get(e) || null,
    ht: () => n.datastore.serializer.databaseId
  }), Tn(n).start(), n.Va.ua();
}
function vo(n) {
  return yr(n) && !Tn(n).x_() && n.Ia.size > 0;
}
function yr(n) {
  return $(n).Ea.size === 0;
}
function ph(n) {
  n.da = void 0;
}
async function qy(n) {
  n.Va.set(
    "Online"
    /* OnlineState.Online */
  );
}
async function jy(n) {
  n.Ia.forEach(((e, t) => {
    To(n, e);
  }));
}
async function $y(n, e) {
  ph(n), // If we still need the watch stream, retry the connection.
  vo(n) ? (n.Va.ha(e), wo(n)) : (
    // No need to restart watch stream because there are no active targets.
    // The online state is set to unknown because there is no active attempt
    // at establishing a connection
    n.Va.set(
      "Unknown"
      /* OnlineState.Unknown */
    )
  );
}
async function Hy(n, e, t) {
  if (
    // Mark the client as online since we got a message from the server
    n.Va.set(
      "Online"
      /* OnlineState.Online */
    ), e instanceof Yl && e.state === 2 && e.cause
  )
    try {
      await (async function(s, o) {
        const a = o.cause;
        for (const u of o.targetIds)
          s.Ia.has(u) && (await s.remoteSyncer.rejectListen(u, a), s.Ia.delete(u), s.da.removeTarget(u));
      })(n, e);
    } catch (r) {
      N(hn, "Failed to remove targets %s: %s ", e.targetIds.join(","), r), await Xc(n, r);
    }
  else if (e instanceof Gr ? n.da.Xe(e) : e instanceof Jl ? n.da.st(e) : n.da.tt(e), !t.isEqual(x.min())) try {
    const r = await lh(n.localStore);
    t.compareTo(r) >= 0 && // We have received a target change with a global snapshot if the snapshot
    // version is not equal to SnapshotVersion.min().
    /**
    * Takes a batch of changes from the Datastore, repackages them as a
    * RemoteEvent, and passes that on to the listener, which is typically the
    * SyncEngine.
    */
    await (function(o, a) {
      const u = o.da.Tt(a);
      return u.targetChanges.forEach(((h, d) => {
        if (h.resumeToken.approximateByteSize() > 0) {
          const p = o.Ia.get(d);
          p && o.Ia.set(d, p.withResumeToken(h.resumeToken, a));
        }
      })), // Re-establish listens for the targets that have been invalidated by
      // existence filter mismatches.
      u.targetMismatches.forEach(((h, d) => {
        const p = o.Ia.get(h);
        if (!p)
          return;
        o.Ia.set(h, p.withResumeToken(pe.EMPTY_BYTE_STRING, p.snapshotVersion)), // Cause a hard reset by unwatching and rewatching immediately, but
        // deliberately don't send a resume token so that we get a full update.
        fh(o, h);
        const I = new lt(p.target, h, d, p.sequenceNumber);
        To(o, I);
      })), o.remoteSyncer.applyRemoteEvent(u);
    })(n, t);
  } catch (r) {
    N(hn, "Failed to raise snapshot:", r), await Xc(n, r);
  }
}
async function Xc(n, e, t) {
  if (!yn(e)) throw e;
  n.Ea.add(
    1
    /* OfflineCause.IndexedDbFailed */
  ), // Disable network and raise offline snapshots
  await _r(n), n.Va.set(
    "Offline"
    /* OnlineState.Offline */
  ), t || // Use a simple read operation to determine if IndexedDB recovered.
  // Ideally, we would expose a health check directly on SimpleDb, but
  // RemoteStore only has access to persistence through LocalStore.
  (t = () => lh(n.localStore)), // Probe IndexedDB periodically and re-enable network
  n.asyncQueue.enqueueRetryable((async () => {
    N(hn, "Retrying IndexedDB access"), await t(), n.Ea.delete(
      1
      /* OfflineCause.IndexedDbFailed */
    ), await ks(n);
  }));
}
async function Zc(n, e) {
  const t = $(n);
  t.asyncQueue.verifyOperationInProgress(), N(hn, "RemoteStore received new credentials");
  const r = yr(t);
  t.Ea.add(
    3
    /* OfflineCause.CredentialChange */
  ), await _r(t), r && // Don't set the network status to Unknown if we are offline.
  t.Va.set(
    "Unknown"
    /* OnlineState.Unknown */
  ), await t.remoteSyncer.handleCredentialChange(e), t.Ea.delete(
    3
    /* OfflineCause.CredentialChange */
  ), await ks(t);
}
async function zy(n, e) {
  const t = $(n);
  e ? (t.Ea.delete(
    2
    /* OfflineCause.IsSecondary */
  ), await ks(t)) : e || (t.Ea.add(
    2
    /* OfflineCause.IsSecondary */
  ), await _r(t), t.Va.set(
    "Unknown"
    /* OnlineState.Unknown */
  ));
}
function Tn(n) {
  return n.ma || // Create stream (but note that it is not started yet).
  (n.ma = (function(t, r, s) {
    const o = $(t);
    return o.sa(), new Ly(r, o.connection, o.authCredentials, o.appCheckCredentials, o.serializer, s);
  })(n.datastore, n.asyncQueue, {
    Zo: qy.bind(null, n),
    Yo: jy.bind(null, n),
    t_: $y.bind(null, n),
    J_: Hy.bind(null, n)
  }), n.Ra.push((async (e) => {
    e ? (n.ma.B_(), vo(n) ? wo(n) : n.Va.set(
      "Unknown"
      /* OnlineState.Unknown */
    )) : (await n.ma.stop(), ph(n));
  }))), n.ma;
}
class Ao {
  constructor(e, t, r, s, o) {
    this.asyncQueue = e, this.timerId = t, this.targetTimeMs = r, this.op = s, this.removalCallback = o, this.deferred = new Dt(), this.then = this.deferred.promise.then.bind(this.deferred.promise), // It's normal for the deferred promise to be canceled (due to cancellation)
    // and so we attach a dummy catch callback to avoid
    // 'UnhandledPromiseRejectionWarning' log spam.
    this.deferred.promise.catch(((a) => {
    }));
  }
  get promise() {
    return this.deferred.promise;
  }
  /**
   * Creates and returns a DelayedOperation that has been scheduled to be
   * executed on the provided asyncQueue after the provided delayMs.
   *
   * @param asyncQueue - The queue to schedule the operation on.
   * @param id - A Timer ID identifying the type of operation this is.
   * @param delayMs - The delay (ms) before the operation should be scheduled.
   * @param op - The operation to run.
   * @param removalCallback - A callback to be called synchronously once the
   *   operation is executed or canceled, notifying the AsyncQueue to remove it
   *   from its delayedOperations list.
   *   PORTING NOTE: This exists to prevent making removeDelayedOperation() and
   *   the DelayedOperation class public.
   */
  static createAndSchedule(e, t, r, s, o) {
    const a = Date.now() + r, u = new Ao(e, t, a, s, o);
    return u.start(r), u;
  }
  /**
   * Starts the timer. This is called immediately after construction by
   * createAndSchedule().
   */
  start(e) {
    this.timerHandle = setTimeout((() => this.handleDelayElapsed()), e);
  }
  /**
   * Queues the operation to run immediately (if it hasn't already been run or
   * canceled).
   */
  skipDelay() {
    return this.handleDelayElapsed();
  }
  /**
   * Cancels the operation if it hasn't already been executed or canceled. The
   * promise will be rejected.
   *
   * As long as the operation has not yet been run, calling cancel() provides a
   * guarantee that the operation will not be run.
   */
  cancel(e) {
    this.timerHandle !== null && (this.clearTimeout(), this.deferred.reject(new V(P.CANCELLED, "Operation cancelled" + (e ? ": " + e : ""))));
  }
  handleDelayElapsed() {
    this.asyncQueue.enqueueAndForget((() => this.timerHandle !== null ? (this.clearTimeout(), this.op().then(((e) => this.deferred.resolve(e)))) : Promise.resolve()));
  }
  clearTimeout() {
    this.timerHandle !== null && (this.removalCallback(this), clearTimeout(this.timerHandle), this.timerHandle = null);
  }
}
function mh(n, e) {
  if (Je("AsyncQueue", `${e}: ${n}`), yn(n)) return new V(P.UNAVAILABLE, `${e}: ${n}`);
  throw n;
}
class rn {
  /**
   * Returns an empty copy of the existing DocumentSet, using the same
   * comparator.
   */
  static emptySet(e) {
    return new rn(e.comparator);
  }
  /** The default ordering is by key if the comparator is omitted */
  constructor(e) {
    this.comparator = e ? (t, r) => e(t, r) || O.comparator(t.key, r.key) : (t, r) => O.comparator(t.key, r.key), this.keyedMap = Hn(), this.sortedSet = new te(this.comparator);
  }
  has(e) {
    return this.keyedMap.get(e) != null;
  }
  get(e) {
    return this.keyedMap.get(e);
  }
  first() {
    return this.sortedSet.minKey();
  }
  last() {
    return this.sortedSet.maxKey();
  }
  isEmpty() {
    return this.sortedSet.isEmpty();
  }
  /**
   * Returns the index of the provided key in the document set, or -1 if the
   * document key is not present in the set;
   */
  indexOf(e) {
    const t = this.keyedMap.get(e);
    return t ? this.sortedSet.indexOf(t) : -1;
  }
  get size() {
    return this.sortedSet.size;
  }
  /** Iterates documents in order defined by "comparator" */
  forEach(e) {
    this.sortedSet.inorderTraversal(((t, r) => (e(t), !1)));
  }
  /** Inserts or updates a document with the same key */
  add(e) {
    const t = this.delete(e.key);
    return t.copy(t.keyedMap.insert(e.key, e), t.sortedSet.insert(e, null));
  }
  /** Deletes a document with a given key */
  delete(e) {
    const t = this.get(e);
    return t ? this.copy(this.keyedMap.remove(e), this.sortedSet.remove(t)) : this;
  }
  isEqual(e) {
    if (!(e instanceof rn) || this.size !== e.size) return !1;
    const t = this.sortedSet.getIterator(), r = e.sortedSet.getIterator();
    for (; t.hasNext(); ) {
      const s = t.getNext().key, o = r.getNext().key;
      if (!s.isEqual(o)) return !1;
    }
    return !0;
  }
  toString() {
    const e = [];
    return this.forEach(((t) => {
      e.push(t.toString());
    })), e.length === 0 ? "DocumentSet ()" : `DocumentSet (
  ` + e.join(`  
`) + `
)`;
  }
  copy(e, t) {
    const r = new rn();
    return r.comparator = this.comparator, r.keyedMap = e, r.sortedSet = t, r;
  }
}
class eu {
  constructor() {
    this.ga = new te(O.comparator);
  }
  track(e) {
    const t = e.doc.key, r = this.ga.get(t);
    r ? (
      // Merge the new change with the existing change.
      e.type !== 0 && r.type === 3 ? this.ga = this.ga.insert(t, e) : e.type === 3 && r.type !== 1 ? this.ga = this.ga.insert(t, {
        type: r.type,
        doc: e.doc
      }) : e.type === 2 && r.type === 2 ? this.ga = this.ga.insert(t, {
        type: 2,
        doc: e.doc
      }) : e.type === 2 && r.type === 0 ? this.ga = this.ga.insert(t, {
        type: 0,
        doc: e.doc
      }) : e.type === 1 && r.type === 0 ? this.ga = this.ga.remove(t) : e.type === 1 && r.type === 2 ? this.ga = this.ga.insert(t, {
        type: 1,
        doc: r.doc
      }) : e.type === 0 && r.type === 1 ? this.ga = this.ga.insert(t, {
        type: 2,
        doc: e.doc
      }) : (
        // This includes these cases, which don't make sense:
        // Added->Added
        // Removed->Removed
        // Modified->Added
        // Removed->Modified
        // Metadata->Added
        // Removed->Metadata
        F(63341, {
          Vt: e,
          pa: r
        })
      )
    ) : this.ga = this.ga.insert(t, e);
  }
  ya() {
    const e = [];
    return this.ga.inorderTraversal(((t, r) => {
      e.push(r);
    })), e;
  }
}
class dn {
  constructor(e, t, r, s, o, a, u, h, d) {
    this.query = e, this.docs = t, this.oldDocs = r, this.docChanges = s, this.mutatedKeys = o, this.fromCache = a, this.syncStateChanged = u, this.excludesMetadataChanges = h, this.hasCachedResults = d;
  }
  /** Returns a view snapshot as if all documents in the snapshot were added. */
  static fromInitialDocuments(e, t, r, s, o) {
    const a = [];
    return t.forEach(((u) => {
      a.push({
        type: 0,
        doc: u
      });
    })), new dn(
      e,
      t,
      rn.emptySet(t),
      a,
      r,
      s,
      /* syncStateChanged= */
      !0,
      /* excludesMetadataChanges= */
      !1,
      o
    );
  }
  get hasPendingWrites() {
    return !this.mutatedKeys.isEmpty();
  }
  isEqual(e) {
    if (!(this.fromCache === e.fromCache && this.hasCachedResults === e.hasCachedResults && this.syncStateChanged === e.syncStateChanged && this.mutatedKeys.isEqual(e.mutatedKeys) && As(this.query, e.query) && this.docs.isEqual(e.docs) && this.oldDocs.isEqual(e.oldDocs))) return !1;
    const t = this.docChanges, r = e.docChanges;
    if (t.length !== r.length) return !1;
    for (let s = 0; s < t.length; s++) if (t[s].type !== r[s].type || !t[s].doc.isEqual(r[s].doc)) return !1;
    return !0;
  }
}
class Wy {
  constructor() {
    this.wa = void 0, this.ba = [];
  }
  // Helper methods that checks if the query has listeners that listening to remote store
  Sa() {
    return this.ba.some(((e) => e.Da()));
  }
}
class Gy {
  constructor() {
    this.queries = tu(), this.onlineState = "Unknown", this.Ca = /* @__PURE__ */ new Set();
  }
  terminate() {
    (function(t, r) {
      const s = $(t), o = s.queries;
      s.queries = tu(), o.forEach(((a, u) => {
        for (const h of u.ba) h.onError(r);
      }));
    })(this, new V(P.ABORTED, "Firestore shutting down"));
  }
}
function tu() {
  return new jt(((n) => Ul(n)), As);
}
async function gh(n, e) {
  const t = $(n);
  let r = 3;
  const s = e.query;
  let o = t.queries.get(s);
  o ? !o.Sa() && e.Da() && // Query has been listening to local cache, and tries to add a new listener sourced from watch.
  (r = 2) : (o = new Wy(), r = e.Da() ? 0 : 1);
  try {
    switch (r) {
      case 0:
        o.wa = await t.onListen(
          s,
          /** enableRemoteListen= */
          !0
        );
        break;
      case 1:
        o.wa = await t.onListen(
          s,
          /** enableRemoteListen= */
          !1
        );
        break;
      case 2:
        await t.onFirstRemoteStoreListen(s);
    }
  } catch (a) {
    const u = mh(a, `Initialization of query '${Gt(e.query)}' failed`);
    return void e.onError(u);
  }
  t.queries.set(s, o), o.ba.push(e), // Run global snapshot listeners if a consistent snapshot has been emitted.
  e.va(t.onlineState), o.wa && e.Fa(o.wa) && Ro(t);
}
async function _h(n, e) {
  const t = $(n), r = e.query;
  let s = 3;
  const o = t.queries.get(r);
  if (o) {
    const a = o.ba.indexOf(e);
    a >= 0 && (o.ba.splice(a, 1), o.ba.length === 0 ? s = e.Da() ? 0 : 1 : !o.Sa() && e.Da() && // The removed listener is the last one that sourced from watch.
    (s = 2));
  }
  switch (s) {
    case 0:
      return t.queries.delete(r), t.onUnlisten(
        r,
        /** disableRemoteListen= */
        !0
      );
    case 1:
      return t.queries.delete(r), t.onUnlisten(
        r,
        /** disableRemoteListen= */
        !1
      );
    case 2:
      return t.onLastRemoteStoreUnlisten(r);
    default:
      return;
  }
}
function Ky(n, e) {
  const t = $(n);
  let r = !1;
  for (const s of e) {
    const o = s.query, a = t.queries.get(o);
    if (a) {
      for (const u of a.ba) u.Fa(s) && (r = !0);
      a.wa = s;
    }
  }
  r && Ro(t);
}
function Qy(n, e, t) {
  const r = $(n), s = r.queries.get(e);
  if (s) for (const o of s.ba) o.onError(t);
  r.queries.delete(e);
}
function Ro(n) {
  n.Ca.forEach(((e) => {
    e.next();
  }));
}
var Ui, nu;
(nu = Ui || (Ui = {})).Ma = "default", /** Listen to changes in cache only */
nu.Cache = "cache";
class yh {
  constructor(e, t, r) {
    this.query = e, this.xa = t, /**
     * Initial snapshots (e.g. from cache) may not be propagated to the wrapped
     * observer. This flag is set to true once we've actually raised an event.
     */
    this.Oa = !1, this.Na = null, this.onlineState = "Unknown", this.options = r || {};
  }
  /**
   * Applies the new ViewSnapshot to this listener, raising a user-facing event
   * if applicable (depending on what changed, whether the user has opted into
   * metadata-only changes, etc.). Returns true if a user-facing event was
   * indeed raised.
   */
  Fa(e) {
    if (!this.options.includeMetadataChanges) {
      const r = [];
      for (const s of e.docChanges) s.type !== 3 && r.push(s);
      e = new dn(
        e.query,
        e.docs,
        e.oldDocs,
        r,
        e.mutatedKeys,
        e.fromCache,
        e.syncStateChanged,
        /* excludesMetadataChanges= */
        !0,
        e.hasCachedResults
      );
    }
    let t = !1;
    return this.Oa ? this.Ba(e) && (this.xa.next(e), t = !0) : this.La(e, this.onlineState) && (this.ka(e), t = !0), this.Na = e, t;
  }
  onError(e) {
    this.xa.error(e);
  }
  /** Returns whether a snapshot was raised. */
  va(e) {
    this.onlineState = e;
    let t = !1;
    return this.Na && !this.Oa && this.La(this.Na, e) && (this.ka(this.Na), t = !0), t;
  }
  La(e, t) {
    if (!e.fromCache || !this.Da()) return !0;
    const r = t !== "Offline";
    return (!this.options.Ka || !r) && (!e.docs.isEmpty() || e.hasCachedResults || t === "Offline");
  }
  Ba(e) {
    if (e.docChanges.length > 0) return !0;
    const t = this.Na && this.Na.hasPendingWrites !== e.hasPendingWrites;
    return !(!e.syncStateChanged && !t) && this.options.includeMetadataChanges === !0;
  }
  ka(e) {
    e = dn.fromInitialDocuments(e.query, e.docs, e.mutatedKeys, e.fromCache, e.hasCachedResults), this.Oa = !0, this.xa.next(e);
  }
  Da() {
    return this.options.source !== Ui.Cache;
  }
}
class Eh {
  constructor(e) {
    this.key = e;
  }
}
class Ih {
  constructor(e) {
    this.key = e;
  }
}
class Jy {
  constructor(e, t) {
    this.query = e, this.Za = t, this.Xa = null, this.hasCachedResults = !1, /**
     * A flag whether the view is current with the backend. A view is considered
     * current after it has seen the current flag from the backend and did not
     * lose consistency within the watch stream (e.g. because of an existence
     * filter mismatch).
     */
    this.current = !1, /** Documents in the view but not in the remote target */
    this.Ya = H(), /** Document Keys that have local changes */
    this.mutatedKeys = H(), this.eu = Bl(e), this.tu = new rn(this.eu);
  }
  /**
   * The set of remote documents that the server has told us belongs to the target associated with
   * this view.
   */
  get nu() {
    return this.Za;
  }
  /**
   * Iterates over a set of doc changes, applies the query limit, and computes
   * what the new results should be, what the changes were, and whether we may
   * need to go back to the local cache for more results. Does not make any
   * changes to the view.
   * @param docChanges - The doc changes to apply to this view.
   * @param previousChanges - If this is being called with a refill, then start
   *        with this set of docs and changes instead of the current view.
   * @returns a new set of docs, changes, and refill flag.
   */
  ru(e, t) {
    const r = t ? t.iu : new eu(), s = t ? t.tu : this.tu;
    let o = t ? t.mutatedKeys : this.mutatedKeys, a = s, u = !1;
    const h = this.query.limitType === "F" && s.size === this.query.limit ? s.last() : null, d = this.query.limitType === "L" && s.size === this.query.limit ? s.first() : null;
    if (e.inorderTraversal(((p, I) => {
      const A = s.get(p), C = Rs(this.query, I) ? I : null, D = !!A && this.mutatedKeys.has(A.key), M = !!C && (C.hasLocalMutations || // We only consider committed mutations for documents that were
      // mutated during the lifetime of the view.
      this.mutatedKeys.has(C.key) && C.hasCommittedMutations);
      let L = !1;
      A && C ? A.data.isEqual(C.data) ? D !== M && (r.track({
        type: 3,
        doc: C
      }), L = !0) : this.su(A, C) || (r.track({
        type: 2,
        doc: C
      }), L = !0, (h && this.eu(C, h) > 0 || d && this.eu(C, d) < 0) && // This doc moved from inside the limit to outside the limit.
      // That means there may be some other doc in the local cache
      // that should be included instead.
      (u = !0)) : !A && C ? (r.track({
        type: 0,
        doc: C
      }), L = !0) : A && !C && (r.track({
        type: 1,
        doc: A
      }), L = !0, (h || d) && // A doc was removed from a full limit query. We'll need to
      // requery from the local cache to see if we know about some other
      // doc that should be in the results.
      (u = !0)), L && (C ? (a = a.add(C), o = M ? o.add(p) : o.delete(p)) : (a = a.delete(p), o = o.delete(p)));
    })), this.query.limit !== null) for (; a.size > this.query.limit; ) {
      const p = this.query.limitType === "F" ? a.last() : a.first();
      a = a.delete(p.key), o = o.delete(p.key), r.track({
        type: 1,
        doc: p
      });
    }
    return {
      tu: a,
      iu: r,
      Ss: u,
      mutatedKeys: o
    };
  }
  su(e, t) {
    return e.hasLocalMutations && t.hasCommittedMutations && !t.hasLocalMutations;
  }
  /**
   * Updates the view with the given ViewDocumentChanges and optionally updates
   * limbo docs and sync state from the provided target change.
   * @param docChanges - The set of changes to make to the view's docs.
   * @param limboResolutionEnabled - Whether to update limbo documents based on
   *        this change.
   * @param targetChange - A target change to apply for computing limbo docs and
   *        sync state.
   * @param targetIsPendingReset - Whether the target is pending to reset due to
   *        existence filter mismatch. If not explicitly specified, it is treated
   *        equivalently to `false`.
   * @returns A new ViewChange with the given docs, changes, and sync state.
   */
  // PORTING NOTE: The iOS/Android clients always compute limbo document changes.
  applyChanges(e, t, r, s) {
    const o = this.tu;
    this.tu = e.tu, this.mutatedKeys = e.mutatedKeys;
    const a = e.iu.ya();
    a.sort(((p, I) => (function(C, D) {
      const M = (L) => {
        switch (L) {
          case 0:
            return 1;
          case 2:
          case 3:
            return 2;
          case 1:
            return 0;
          default:
            return F(20277, {
              Vt: L
            });
        }
      };
      return M(C) - M(D);
    })(p.type, I.type) || this.eu(p.doc, I.doc))), this.ou(r), s = s ?? !1;
    const u = t && !s ? this._u() : [], h = this.Ya.size === 0 && this.current && !s ? 1 : 0, d = h !== this.Xa;
    return this.Xa = h, a.length !== 0 || d ? {
      snapshot: new dn(
        this.query,
        e.tu,
        o,
        a,
        e.mutatedKeys,
        h === 0,
        d,
        /* excludesMetadataChanges= */
        !1,
        !!r && r.resumeToken.approximateByteSize() > 0
      ),
      au: u
    } : {
      au: u
    };
  }
  /**
   * Applies an OnlineState change to the view, potentially generating a
   * ViewChange if the view's syncState changes as a result.
   */
  va(e) {
    return this.current && e === "Offline" ? (
      // If we're offline, set `current` to false and then call applyChanges()
      // to refresh our syncState and generate a ViewChange as appropriate. We
      // are guaranteed to get a new TargetChange that sets `current` back to
      // true once the client is back online.
      (this.current = !1, this.applyChanges(
        {
          tu: this.tu,
          iu: new eu(),
          mutatedKeys: this.mutatedKeys,
          Ss: !1
        },
        /* limboResolutionEnabled= */
        !1
      ))
    ) : {
      au: []
    };
  }
  /**
   * Returns whether the doc for the given key should be in limbo.
   */
  uu(e) {
    return !this.Za.has(e) && // The local store doesn't think it's a result, so it shouldn't be in limbo.
    !!this.tu.has(e) && !this.tu.get(e).hasLocalMutations;
  }
  /**
   * Updates syncedDocuments, current, and limbo docs based on the given change.
   * Returns the list of changes to which docs are in limbo.
   */
  ou(e) {
    e && (e.addedDocuments.forEach(((t) => this.Za = this.Za.add(t))), e.modifiedDocuments.forEach(((t) => {
    })), e.removedDocuments.forEach(((t) => this.Za = this.Za.delete(t))), this.current = e.current);
  }
  _u() {
    if (!this.current) return [];
    const e = this.Ya;
    this.Ya = H(), this.tu.forEach(((r) => {
      this.uu(r.key) && (this.Ya = this.Ya.add(r.key));
    }));
    const t = [];
    return e.forEach(((r) => {
      this.Ya.has(r) || t.push(new Ih(r));
    })), this.Ya.forEach(((r) => {
      e.has(r) || t.push(new Eh(r));
    })), t;
  }
  /**
   * Update the in-memory state of the current view with the state read from
   * persistence.
   *
   * We update the query view whenever a client's primary status changes:
   * - When a client transitions from primary to secondary, it can miss
   *   LocalStorage updates and its query views may temporarily not be
   *   synchronized with the state on disk.
   * - For secondary to primary transitions, the client needs to update the list
   *   of `syncedDocuments` since secondary clients update their query views
   *   based purely on synthesized RemoteEvents.
   *
   * @param queryResult.documents - The documents that match the query according
   * to the LocalStore.
   * @param queryResult.remoteKeys - The keys of the documents that match the
   * query according to the backend.
   *
   * @returns The ViewChange that resulted from this synchronization.
   */
  // PORTING NOTE: Multi-tab only.
  cu(e) {
    this.Za = e.ks, this.Ya = H();
    const t = this.ru(e.documents);
    return this.applyChanges(
      t,
      /* limboResolutionEnabled= */
      !0
    );
  }
  /**
   * Returns a view snapshot as if this query was just listened to. Contains
   * a document add for every existing document and the `fromCache` and
   * `hasPendingWrites` status of the already established view.
   */
  // PORTING NOTE: Multi-tab only.
  lu() {
    return dn.fromInitialDocuments(this.query, this.tu, this.mutatedKeys, this.Xa === 0, this.hasCachedResults);
  }
}
const So = "SyncEngine";
class Yy {
  constructor(e, t, r) {
    this.query = e, this.targetId = t, this.view = r;
  }
}
class Xy {
  constructor(e) {
    this.key = e, /**
     * Set to true once we've received a document. This is used in
     * getRemoteKeysForTarget() and ultimately used by WatchChangeAggregator to
     * decide whether it needs to manufacture a delete event for the target once
     * the target is CURRENT.
     */
    this.hu = !1;
  }
}
class Zy {
  constructor(e, t, r, s, o, a) {
    this.localStore = e, this.remoteStore = t, this.eventManager = r, this.sharedClientState = s, this.currentUser = o, this.maxConcurrentLimboResolutions = a, this.Pu = {}, this.Tu = new jt(((u) => Ul(u)), As), this.Iu = /* @__PURE__ */ new Map(), /**
     * The keys of documents that are in limbo for which we haven't yet started a
     * limbo resolution query. The strings in this set are the result of calling
     * `key.path.canonicalString()` where `key` is a `DocumentKey` object.
     *
     * The `Set` type was chosen because it provides efficient lookup and removal
     * of arbitrary elements and it also maintains insertion order, providing the
     * desired queue-like FIFO semantics.
     */
    this.Eu = /* @__PURE__ */ new Set(), /**
     * Keeps track of the target ID for each document that is in limbo with an
     * active target.
     */
    this.Ru = new te(O.comparator), /**
     * Keeps track of the information about an active limbo resolution for each
     * active target ID that was started for the purpose of limbo resolution.
     */
    this.Au = /* @__PURE__ */ new Map(), this.Vu = new go(), /** Stores user completion handlers, indexed by User and BatchId. */
    this.du = {}, /** Stores user callbacks waiting for all pending writes to be acknowledged. */
    this.mu = /* @__PURE__ */ new Map(), this.fu = ln.ar(), this.onlineState = "Unknown", // The primary state is set to `true` or `false` immediately after Firestore
    // startup. In the interim, a client should only be considered primary if
    // `isPrimary` is true.
    this.gu = void 0;
  }
  get isPrimaryClient() {
    return this.gu === !0;
  }
}
async function eE(n, e, t = !0) {
  const r = Rh(n);
  let s;
  const o = r.Tu.get(e);
  return o ? (
    // PORTING NOTE: With Multi-Tab Web, it is possible that a query view
    // already exists when EventManager calls us for the first time. This
    // happens when the primary tab is already listening to this query on
    // behalf of another tab and the user of the primary also starts listening
    // to the query. EventManager will not have an assigned target ID in this
    // case and calls `listen` to obtain this ID.
    (r.sharedClientState.addLocalQueryTarget(o.targetId), s = o.view.lu())
  ) : s = await Th(
    r,
    e,
    t,
    /** shouldInitializeView= */
    !0
  ), s;
}
async function tE(n, e) {
  const t = Rh(n);
  await Th(
    t,
    e,
    /** shouldListenToRemote= */
    !0,
    /** shouldInitializeView= */
    !1
  );
}
async function Th(n, e, t, r) {
  const s = await Sy(n.localStore, $e(e)), o = s.targetId, a = n.sharedClientState.addLocalQueryTarget(o, t);
  let u;
  return r && (u = await nE(n, e, o, a === "current", s.resumeToken)), n.isPrimaryClient && t && dh(n.remoteStore, s), u;
}
async function nE(n, e, t, r, s) {
  n.pu = (I, A, C) => (async function(M, L, z, G) {
    let X = L.view.ru(z);
    X.Ss && // The query has a limit and some docs were removed, so we need
    // to re-run the query against the local store to make sure we
    // didn't lose any good docs that had been past the limit.
    (X = await Gc(
      M.localStore,
      L.query,
      /* usePreviousResults= */
      !1
    ).then((({ documents: E }) => L.view.ru(E, X))));
    const me = G && G.targetChanges.get(L.targetId), Oe = G && G.targetMismatches.get(L.targetId) != null, de = L.view.applyChanges(
      X,
      /* limboResolutionEnabled= */
      M.isPrimaryClient,
      me,
      Oe
    );
    return su(M, L.targetId, de.au), de.snapshot;
  })(n, I, A, C);
  const o = await Gc(
    n.localStore,
    e,
    /* usePreviousResults= */
    !0
  ), a = new Jy(e, o.ks), u = a.ru(o.documents), h = gr.createSynthesizedTargetChangeForCurrentChange(t, r && n.onlineState !== "Offline", s), d = a.applyChanges(
    u,
    /* limboResolutionEnabled= */
    n.isPrimaryClient,
    h
  );
  su(n, t, d.au);
  const p = new Yy(e, t, a);
  return n.Tu.set(e, p), n.Iu.has(t) ? n.Iu.get(t).push(e) : n.Iu.set(t, [e]), d.snapshot;
}
async function rE(n, e, t) {
  const r = $(n), s = r.Tu.get(e), o = r.Iu.get(s.targetId);
  if (o.length > 1) return r.Iu.set(s.targetId, o.filter(((a) => !As(a, e)))), void r.Tu.delete(e);
  r.isPrimaryClient ? (r.sharedClientState.removeLocalQueryTarget(s.targetId), r.sharedClientState.isActiveQueryTarget(s.targetId) || await xi(
    r.localStore,
    s.targetId,
    /*keepPersistedTargetData=*/
    !1
  ).then((() => {
    r.sharedClientState.clearQueryState(s.targetId), t && Io(r.remoteStore, s.targetId), Bi(r, s.targetId);
  })).catch(Es)) : (Bi(r, s.targetId), await xi(
    r.localStore,
    s.targetId,
    /*keepPersistedTargetData=*/
    !0
  ));
}
async function sE(n, e) {
  const t = $(n), r = t.Tu.get(e), s = t.Iu.get(r.targetId);
  t.isPrimaryClient && s.length === 1 && // PORTING NOTE: Unregister the target ID with local Firestore client as
  // watch target.
  (t.sharedClientState.removeLocalQueryTarget(r.targetId), Io(t.remoteStore, r.targetId));
}
async function wh(n, e) {
  const t = $(n);
  try {
    const r = await Ay(t.localStore, e);
    e.targetChanges.forEach(((s, o) => {
      const a = t.Au.get(o);
      a && // Since this is a limbo resolution lookup, it's for a single document
      // and it could be added, modified, or removed, but not a combination.
      (Y(s.addedDocuments.size + s.modifiedDocuments.size + s.removedDocuments.size <= 1, 22616), s.addedDocuments.size > 0 ? a.hu = !0 : s.modifiedDocuments.size > 0 ? Y(a.hu, 14607) : s.removedDocuments.size > 0 && (Y(a.hu, 42227), a.hu = !1));
    })), await Ah(t, r, e);
  } catch (r) {
    await Es(r);
  }
}
function ru(n, e, t) {
  const r = $(n);
  if (r.isPrimaryClient && t === 0 || !r.isPrimaryClient && t === 1) {
    const s = [];
    r.Tu.forEach(((o, a) => {
      const u = a.view.va(e);
      u.snapshot && s.push(u.snapshot);
    })), (function(a, u) {
      const h = $(a);
      h.onlineState = u;
      let d = !1;
      h.queries.forEach(((p, I) => {
        for (const A of I.ba)
          A.va(u) && (d = !0);
      })), d && Ro(h);
    })(r.eventManager, e), s.length && r.Pu.J_(s), r.onlineState = e, r.isPrimaryClient && r.sharedClientState.setOnlineState(e);
  }
}
async function iE(n, e, t) {
  const r = $(n);
  r.sharedClientState.updateQueryState(e, "rejected", t);
  const s = r.Au.get(e), o = s && s.key;
  if (o) {
    let a = new te(O.comparator);
    a = a.insert(o, Ee.newNoDocument(o, x.min()));
    const u = H().add(o), h = new Cs(
      x.min(),
      /* targetChanges= */
      /* @__PURE__ */ new Map(),
      /* targetMismatches= */
      new te(q),
      a,
      u
    );
    await wh(r, h), // Since this query failed, we won't want to manually unlisten to it.
    // We only remove it from bookkeeping after we successfully applied the
    // RemoteEvent. If `applyRemoteEvent()` throws, we want to re-listen to
    // this query when the RemoteStore restarts the Watch stream, which should
    // re-trigger the target failure.
    r.Ru = r.Ru.remove(o), r.Au.delete(e), Po(r);
  } else await xi(
    r.localStore,
    e,
    /* keepPersistedTargetData */
    !1
  ).then((() => Bi(r, e, t))).catch(Es);
}
function Bi(n, e, t = null) {
  n.sharedClientState.removeLocalQueryTarget(e);
  for (const r of n.Iu.get(e)) n.Tu.delete(r), t && n.Pu.yu(r, t);
  n.Iu.delete(e), n.isPrimaryClient && n.Vu.Gr(e).forEach(((r) => {
    n.Vu.containsKey(r) || // We removed the last reference for this key
    vh(n, r);
  }));
}
function vh(n, e) {
  n.Eu.delete(e.path.canonicalString());
  const t = n.Ru.get(e);
  t !== null && (Io(n.remoteStore, t), n.Ru = n.Ru.remove(e), n.Au.delete(t), Po(n));
}
function su(n, e, t) {
  for (const r of t) r instanceof Eh ? (n.Vu.addReference(r.key, e), oE(n, r)) : r instanceof Ih ? (N(So, "Document no longer in limbo: " + r.key), n.Vu.removeReference(r.key, e), n.Vu.containsKey(r.key) || // We removed the last reference for this key
  vh(n, r.key)) : F(19791, {
    wu: r
  });
}
function oE(n, e) {
  const t = e.key, r = t.path.canonicalString();
  n.Ru.get(t) || n.Eu.has(r) || (N(So, "New document in limbo: " + t), n.Eu.add(r), Po(n));
}
function Po(n) {
  for (; n.Eu.size > 0 && n.Ru.size < n.maxConcurrentLimboResolutions; ) {
    const e = n.Eu.values().next().value;
    n.Eu.delete(e);
    const t = new O(K.fromString(e)), r = n.fu.next();
    n.Au.set(r, new Xy(t)), n.Ru = n.Ru.insert(t, r), dh(n.remoteStore, new lt($e(vs(t.path)), r, "TargetPurposeLimboResolution", Is.ce));
  }
}
async function Ah(n, e, t) {
  const r = $(n), s = [], o = [], a = [];
  r.Tu.isEmpty() || (r.Tu.forEach(((u, h) => {
    a.push(r.pu(h, e, t).then(((d) => {
      if ((d || t) && r.isPrimaryClient) {
        const p = d ? !d.fromCache : t?.targetChanges.get(h.targetId)?.current;
        r.sharedClientState.updateQueryState(h.targetId, p ? "current" : "not-current");
      }
      if (d) {
        s.push(d);
        const p = yo.Es(h.targetId, d);
        o.push(p);
      }
    })));
  })), await Promise.all(a), r.Pu.J_(s), await (async function(h, d) {
    const p = $(h);
    try {
      await p.persistence.runTransaction("notifyLocalViewChanges", "readwrite", ((I) => S.forEach(d, ((A) => S.forEach(A.Ts, ((C) => p.persistence.referenceDelegate.addReference(I, A.targetId, C))).next((() => S.forEach(A.Is, ((C) => p.persistence.referenceDelegate.removeReference(I, A.targetId, C)))))))));
    } catch (I) {
      if (!yn(I)) throw I;
      N(Eo, "Failed to update sequence numbers: " + I);
    }
    for (const I of d) {
      const A = I.targetId;
      if (!I.fromCache) {
        const C = p.vs.get(A), D = C.snapshotVersion, M = C.withLastLimboFreeSnapshotVersion(D);
        p.vs = p.vs.insert(A, M);
      }
    }
  })(r.localStore, o));
}
async function aE(n, e) {
  const t = $(n);
  if (!t.currentUser.isEqual(e)) {
    N(So, "User change. New user:", e.toKey());
    const r = await uh(t.localStore, e);
    t.currentUser = e, // Fails tasks waiting for pending writes requested by previous user.
    (function(o, a) {
      o.mu.forEach(((u) => {
        u.forEach(((h) => {
          h.reject(new V(P.CANCELLED, a));
        }));
      })), o.mu.clear();
    })(t, "'waitForPendingWrites' promise is rejected due to a user change."), // TODO(b/114226417): Consider calling this only in the primary tab.
    t.sharedClientState.handleUserChange(e, r.removedBatchIds, r.addedBatchIds), await Ah(t, r.Ns);
  }
}
function cE(n, e) {
  const t = $(n), r = t.Au.get(e);
  if (r && r.hu) return H().add(r.key);
  {
    let s = H();
    const o = t.Iu.get(e);
    if (!o) return s;
    for (const a of o) {
      const u = t.Tu.get(a);
      s = s.unionWith(u.view.nu);
    }
    return s;
  }
}
function Rh(n) {
  const e = $(n);
  return e.remoteStore.remoteSyncer.applyRemoteEvent = wh.bind(null, e), e.remoteStore.remoteSyncer.getRemoteKeysForTarget = cE.bind(null, e), e.remoteStore.remoteSyncer.rejectListen = iE.bind(null, e), e.Pu.J_ = Ky.bind(null, e.eventManager), e.Pu.yu = Qy.bind(null, e.eventManager), e;
}
class hs {
  constructor() {
    this.kind = "memory", this.synchronizeTabs = !1;
  }
  async initialize(e) {
    this.serializer = bs(e.databaseInfo.databaseId), this.sharedClientState = this.Du(e), this.persistence = this.Cu(e), await this.persistence.start(), this.localStore = this.vu(e), this.gcScheduler = this.Fu(e, this.localStore), this.indexBackfillerScheduler = this.Mu(e, this.localStore);
  }
  Fu(e, t) {
    return null;
  }
  Mu(e, t) {
    return null;
  }
  vu(e) {
    return vy(this.persistence, new Iy(), e.initialUser, this.serializer);
  }
  Cu(e) {
    return new ch(_o.Vi, this.serializer);
  }
  Du(e) {
    return new Cy();
  }
  async terminate() {
    this.gcScheduler?.stop(), this.indexBackfillerScheduler?.stop(), this.sharedClientState.shutdown(), await this.persistence.shutdown();
  }
}
hs.provider = {
  build: () => new hs()
};
class uE extends hs {
  constructor(e) {
    super(), this.cacheSizeBytes = e;
  }
  Fu(e, t) {
    Y(this.persistence.referenceDelegate instanceof ls, 46915);
    const r = this.persistence.referenceDelegate.garbageCollector;
    return new iy(r, e.asyncQueue, t);
  }
  Cu(e) {
    const t = this.cacheSizeBytes !== void 0 ? Se.withCacheSize(this.cacheSizeBytes) : Se.DEFAULT;
    return new ch(((r) => ls.Vi(r, t)), this.serializer);
  }
}
class qi {
  async initialize(e, t) {
    this.localStore || (this.localStore = e.localStore, this.sharedClientState = e.sharedClientState, this.datastore = this.createDatastore(t), this.remoteStore = this.createRemoteStore(t), this.eventManager = this.createEventManager(t), this.syncEngine = this.createSyncEngine(
      t,
      /* startAsPrimary=*/
      !e.synchronizeTabs
    ), this.sharedClientState.onlineStateHandler = (r) => ru(
      this.syncEngine,
      r,
      1
      /* OnlineStateSource.SharedClientState */
    ), this.remoteStore.remoteSyncer.handleCredentialChange = aE.bind(null, this.syncEngine), await zy(this.remoteStore, this.syncEngine.isPrimaryClient));
  }
  createEventManager(e) {
    return (function() {
      return new Gy();
    })();
  }
  createDatastore(e) {
    const t = bs(e.databaseInfo.databaseId), r = Dy(e.databaseInfo);
    return Fy(e.authCredentials, e.appCheckCredentials, r, t);
  }
  createRemoteStore(e) {
    return (function(r, s, o, a, u) {
      return new By(r, s, o, a, u);
    })(this.localStore, this.datastore, e.asyncQueue, ((t) => ru(
      this.syncEngine,
      t,
      0
      /* OnlineStateSource.RemoteStore */
    )), (function() {
      return Jc.v() ? new Jc() : new by();
    })());
  }
  createSyncEngine(e, t) {
    return (function(s, o, a, u, h, d, p) {
      const I = new Zy(s, o, a, u, h, d);
      return p && (I.gu = !0), I;
    })(this.localStore, this.remoteStore, this.eventManager, this.sharedClientState, e.initialUser, e.maxConcurrentLimboResolutions, t);
  }
  async terminate() {
    await (async function(t) {
      const r = $(t);
      N(hn, "RemoteStore shutting down."), r.Ea.add(
        5
        /* OfflineCause.Shutdown */
      ), await _r(r), r.Aa.shutdown(), // Set the OnlineState to Unknown (rather than Offline) to avoid potentially
      // triggering spurious listener events with cached data, etc.
      r.Va.set(
        "Unknown"
        /* OnlineState.Unknown */
      );
    })(this.remoteStore), this.datastore?.terminate(), this.eventManager?.terminate();
  }
}
qi.provider = {
  build: () => new qi()
};
class Sh {
  constructor(e) {
    this.observer = e, /**
     * When set to true, will not raise future events. Necessary to deal with
     * async detachment of listener.
     */
    this.muted = !1;
  }
  next(e) {
    this.muted || this.observer.next && this.Ou(this.observer.next, e);
  }
  error(e) {
    this.muted || (this.observer.error ? this.Ou(this.observer.error, e) : Je("Uncaught Error in snapshot listener:", e.toString()));
  }
  Nu() {
    this.muted = !0;
  }
  Ou(e, t) {
    setTimeout((() => {
      this.muted || e(t);
    }), 0);
  }
}
const Tt = "FirestoreClient";
class lE {
  constructor(e, t, r, s, o) {
    this.authCredentials = e, this.appCheckCredentials = t, this.asyncQueue = r, this._databaseInfo = s, this.user = ye.UNAUTHENTICATED, this.clientId = oo.newId(), this.authCredentialListener = () => Promise.resolve(), this.appCheckCredentialListener = () => Promise.resolve(), this._uninitializedComponentsProvider = o, this.authCredentials.start(r, (async (a) => {
      N(Tt, "Received user=", a.uid), await this.authCredentialListener(a), this.user = a;
    })), this.appCheckCredentials.start(r, ((a) => (N(Tt, "Received new app check token=", a), this.appCheckCredentialListener(a, this.user))));
  }
  get configuration() {
    return {
      asyncQueue: this.asyncQueue,
      databaseInfo: this._databaseInfo,
      clientId: this.clientId,
      authCredentials: this.authCredentials,
      appCheckCredentials: this.appCheckCredentials,
      initialUser: this.user,
      maxConcurrentLimboResolutions: 100
    };
  }
  setCredentialChangeListener(e) {
    this.authCredentialListener = e;
  }
  setAppCheckTokenChangeListener(e) {
    this.appCheckCredentialListener = e;
  }
  terminate() {
    this.asyncQueue.enterRestrictedMode();
    const e = new Dt();
    return this.asyncQueue.enqueueAndForgetEvenWhileRestricted((async () => {
      try {
        this._onlineComponents && await this._onlineComponents.terminate(), this._offlineComponents && await this._offlineComponents.terminate(), // The credentials provider must be terminated after shutting down the
        // RemoteStore as it will prevent the RemoteStore from retrieving auth
        // tokens.
        this.authCredentials.shutdown(), this.appCheckCredentials.shutdown(), e.resolve();
      } catch (t) {
        const r = mh(t, "Failed to shutdown persistence");
        e.reject(r);
      }
    })), e.promise;
  }
}
async function gi(n, e) {
  n.asyncQueue.verifyOperationInProgress(), N(Tt, "Initializing OfflineComponentProvider");
  const t = n.configuration;
  await e.initialize(t);
  let r = t.initialUser;
  n.setCredentialChangeListener((async (s) => {
    r.isEqual(s) || (await uh(e.localStore, s), r = s);
  })), // When a user calls clearPersistence() in one client, all other clients
  // need to be terminated to allow the delete to succeed.
  e.persistence.setDatabaseDeletedListener((() => n.terminate())), n._offlineComponents = e;
}
async function iu(n, e) {
  n.asyncQueue.verifyOperationInProgress();
  const t = await hE(n);
  N(Tt, "Initializing OnlineComponentProvider"), await e.initialize(t, n.configuration), // The CredentialChangeListener of the online component provider takes
  // precedence over the offline component provider.
  n.setCredentialChangeListener(((r) => Zc(e.remoteStore, r))), n.setAppCheckTokenChangeListener(((r, s) => Zc(e.remoteStore, s))), n._onlineComponents = e;
}
async function hE(n) {
  if (!n._offlineComponents) if (n._uninitializedComponentsProvider) {
    N(Tt, "Using user provided OfflineComponentProvider");
    try {
      await gi(n, n._uninitializedComponentsProvider._offline);
    } catch (e) {
      const t = e;
      if (!(function(s) {
        return s.name === "FirebaseError" ? s.code === P.FAILED_PRECONDITION || s.code === P.UNIMPLEMENTED : !(typeof DOMException < "u" && s instanceof DOMException) || // When the browser is out of quota we could get either quota exceeded
        // or an aborted error depending on whether the error happened during
        // schema migration.
        s.code === 22 || s.code === 20 || // Firefox Private Browsing mode disables IndexedDb and returns
        // INVALID_STATE for any usage.
        s.code === 11;
      })(t)) throw t;
      qt("Error using user provided cache. Falling back to memory cache: " + t), await gi(n, new hs());
    }
  } else N(Tt, "Using default OfflineComponentProvider"), await gi(n, new uE(void 0));
  return n._offlineComponents;
}
async function dE(n) {
  return n._onlineComponents || (n._uninitializedComponentsProvider ? (N(Tt, "Using user provided OnlineComponentProvider"), await iu(n, n._uninitializedComponentsProvider._online)) : (N(Tt, "Using default OnlineComponentProvider"), await iu(n, new qi()))), n._onlineComponents;
}
async function ji(n) {
  const e = await dE(n), t = e.eventManager;
  return t.onListen = eE.bind(null, e.syncEngine), t.onUnlisten = rE.bind(null, e.syncEngine), t.onFirstRemoteStoreListen = tE.bind(null, e.syncEngine), t.onLastRemoteStoreUnlisten = sE.bind(null, e.syncEngine), t;
}
function fE(n, e, t, r) {
  const s = new Sh(r), o = new yh(e, s, t);
  return n.asyncQueue.enqueueAndForget((async () => gh(await ji(n), o))), () => {
    s.Nu(), n.asyncQueue.enqueueAndForget((async () => _h(await ji(n), o)));
  };
}
function pE(n, e, t = {}) {
  const r = new Dt();
  return n.asyncQueue.enqueueAndForget((async () => (function(o, a, u, h, d) {
    const p = new Sh({
      next: (A) => {
        p.Nu(), a.enqueueAndForget((() => _h(o, I)));
        const C = A.docs.has(u);
        !C && A.fromCache ? (
          // TODO(dimond): If we're online and the document doesn't
          // exist then we resolve with a doc.exists set to false. If
          // we're offline however, we reject the Promise in this
          // case. Two options: 1) Cache the negative response from
          // the server so we can deliver that even when you're
          // offline 2) Actually reject the Promise in the online case
          // if the document doesn't exist.
          d.reject(new V(P.UNAVAILABLE, "Failed to get document because the client is offline."))
        ) : C && A.fromCache && h && h.source === "server" ? d.reject(new V(P.UNAVAILABLE, 'Failed to get document from server. (However, this document does exist in the local cache. Run again without setting source to "server" to retrieve the cached document.)')) : d.resolve(A);
      },
      error: (A) => d.reject(A)
    }), I = new yh(vs(u.path), p, {
      includeMetadataChanges: !0,
      Ka: !0
    });
    return gh(o, I);
  })(await ji(n), n.asyncQueue, e, t, r))), r.promise;
}
function Ph(n) {
  const e = {};
  return n.timeoutSeconds !== void 0 && (e.timeoutSeconds = n.timeoutSeconds), e;
}
const mE = "ComponentProvider", ou = /* @__PURE__ */ new Map();
function gE(n, e, t, r, s) {
  return new t_(n, e, t, s.host, s.ssl, s.experimentalForceLongPolling, s.experimentalAutoDetectLongPolling, Ph(s.experimentalLongPollingOptions), s.useFetchStreams, s.isUsingEmulator, r);
}
const Ch = "firestore.googleapis.com", au = !0;
class cu {
  constructor(e) {
    if (e.host === void 0) {
      if (e.ssl !== void 0) throw new V(P.INVALID_ARGUMENT, "Can't provide ssl option if host option is not set");
      this.host = Ch, this.ssl = au;
    } else this.host = e.host, this.ssl = e.ssl ?? au;
    if (this.isUsingEmulator = e.emulatorOptions !== void 0, this.credentials = e.credentials, this.ignoreUndefinedProperties = !!e.ignoreUndefinedProperties, this.localCache = e.localCache, e.cacheSizeBytes === void 0) this.cacheSizeBytes = ah;
    else {
      if (e.cacheSizeBytes !== -1 && e.cacheSizeBytes < ry) throw new V(P.INVALID_ARGUMENT, "cacheSizeBytes must be at least 1048576");
      this.cacheSizeBytes = e.cacheSizeBytes;
    }
    jg("experimentalForceLongPolling", e.experimentalForceLongPolling, "experimentalAutoDetectLongPolling", e.experimentalAutoDetectLongPolling), this.experimentalForceLongPolling = !!e.experimentalForceLongPolling, this.experimentalForceLongPolling ? this.experimentalAutoDetectLongPolling = !1 : e.experimentalAutoDetectLongPolling === void 0 ? this.experimentalAutoDetectLongPolling = !0 : (
      // For backwards compatibility, coerce the value to boolean even though
      // the TypeScript compiler has narrowed the type to boolean already.
      // noinspection PointlessBooleanExpressionJS
      this.experimentalAutoDetectLongPolling = !!e.experimentalAutoDetectLongPolling
    ), this.experimentalLongPollingOptions = Ph(e.experimentalLongPollingOptions ?? {}), (function(r) {
      if (r.timeoutSeconds !== void 0) {
        if (isNaN(r.timeoutSeconds)) throw new V(P.INVALID_ARGUMENT, `invalid long polling timeout: ${r.timeoutSeconds} (must not be NaN)`);
        if (r.timeoutSeconds < 5) throw new V(P.INVALID_ARGUMENT, `invalid long polling timeout: ${r.timeoutSeconds} (minimum allowed value is 5)`);
        if (r.timeoutSeconds > 30) throw new V(P.INVALID_ARGUMENT, `invalid long polling timeout: ${r.timeoutSeconds} (maximum allowed value is 30)`);
      }
    })(this.experimentalLongPollingOptions), this.useFetchStreams = !!e.useFetchStreams;
  }
  isEqual(e) {
    return this.host === e.host && this.ssl === e.ssl && this.credentials === e.credentials && this.cacheSizeBytes === e.cacheSizeBytes && this.experimentalForceLongPolling === e.experimentalForceLongPolling && this.experimentalAutoDetectLongPolling === e.experimentalAutoDetectLongPolling && (function(r, s) {
      return r.timeoutSeconds === s.timeoutSeconds;
    })(this.experimentalLongPollingOptions, e.experimentalLongPollingOptions) && this.ignoreUndefinedProperties === e.ignoreUndefinedProperties && this.useFetchStreams === e.useFetchStreams;
  }
}
class Vs {
  /** @hideconstructor */
  constructor(e, t, r, s) {
    this._authCredentials = e, this._appCheckCredentials = t, this._databaseId = r, this._app = s, /**
     * Whether it's a Firestore or Firestore Lite instance.
     */
    this.type = "firestore-lite", this._persistenceKey = "(lite)", this._settings = new cu({}), this._settingsFrozen = !1, this._emulatorOptions = {}, // A task that is assigned when the terminate() is invoked and resolved when
    // all components have shut down. Otherwise, Firestore is not terminated,
    // which can mean either the FirestoreClient is in the process of starting,
    // or restarting.
    this._terminateTask = "notTerminated";
  }
  /**
   * The {@link @firebase/app#FirebaseApp} associated with this `Firestore` service
   * instance.
   */
  get app() {
    if (!this._app) throw new V(P.FAILED_PRECONDITION, "Firestore was not initialized using the Firebase SDK. 'app' is not available");
    return this._app;
  }
  get _initialized() {
    return this._settingsFrozen;
  }
  get _terminated() {
    return this._terminateTask !== "notTerminated";
  }
  _setSettings(e) {
    if (this._settingsFrozen) throw new V(P.FAILED_PRECONDITION, "Firestore has already been started and its settings can no longer be changed. You can only modify settings before calling any other methods on a Firestore object.");
    this._settings = new cu(e), this._emulatorOptions = e.emulatorOptions || {}, e.credentials !== void 0 && (this._authCredentials = (function(r) {
      if (!r) return new Ng();
      switch (r.type) {
        case "firstParty":
          return new Mg(r.sessionIndex || "0", r.iamToken || null, r.authTokenFactory || null);
        case "provider":
          return r.client;
        default:
          throw new V(P.INVALID_ARGUMENT, "makeAuthCredentialsProvider failed due to invalid credential type");
      }
    })(e.credentials));
  }
  _getSettings() {
    return this._settings;
  }
  _getEmulatorOptions() {
    return this._emulatorOptions;
  }
  _freezeSettings() {
    return this._settingsFrozen = !0, this._settings;
  }
  _delete() {
    return this._terminateTask === "notTerminated" && (this._terminateTask = this._terminate()), this._terminateTask;
  }
  async _restart() {
    this._terminateTask === "notTerminated" ? await this._terminate() : this._terminateTask = "notTerminated";
  }
  /** Returns a JSON-serializable representation of this `Firestore` instance. */
  toJSON() {
    return {
      app: this._app,
      databaseId: this._databaseId,
      settings: this._settings
    };
  }
  /**
   * Terminates all components used by this client. Subclasses can override
   * this method to clean up their own dependencies, but must also call this
   * method.
   *
   * Only ever called once.
   */
  _terminate() {
    return (function(t) {
      const r = ou.get(t);
      r && (N(mE, "Removing Datastore"), ou.delete(t), r.terminate());
    })(this), Promise.resolve();
  }
}
function _E(n, e, t, r = {}) {
  n = en(n, Vs);
  const s = fn(e), o = n._getSettings(), a = {
    ...o,
    emulatorOptions: n._getEmulatorOptions()
  }, u = `${e}:${t}`;
  s && (vu(`https://${u}`), Au("Firestore", !0)), o.host !== Ch && o.host !== u && qt("Host has been set in both settings() and connectFirestoreEmulator(), emulator host will be used.");
  const h = {
    ...o,
    host: u,
    ssl: s,
    emulatorOptions: r
  };
  if (!Mt(h, a) && (n._setSettings(h), r.mockUserToken)) {
    let d, p;
    if (typeof r.mockUserToken == "string") d = r.mockUserToken, p = ye.MOCK_USER;
    else {
      d = Sd(r.mockUserToken, n._app?.options.projectId);
      const I = r.mockUserToken.sub || r.mockUserToken.user_id;
      if (!I) throw new V(P.INVALID_ARGUMENT, "mockUserToken must contain 'sub' or 'user_id' field!");
      p = new ye(I);
    }
    n._authCredentials = new Dg(new Il(d, p));
  }
}
class vt {
  // This is the lite version of the Query class in the main SDK.
  /** @hideconstructor protected */
  constructor(e, t, r) {
    this.converter = t, this._query = r, /** The type of this Firestore reference. */
    this.type = "query", this.firestore = e;
  }
  withConverter(e) {
    return new vt(this.firestore, e, this._query);
  }
}
class oe {
  /** @hideconstructor */
  constructor(e, t, r) {
    this.converter = t, this._key = r, /** The type of this Firestore reference. */
    this.type = "document", this.firestore = e;
  }
  get _path() {
    return this._key.path;
  }
  /**
   * The document's identifier within its collection.
   */
  get id() {
    return this._key.path.lastSegment();
  }
  /**
   * A string representing the path of the referenced document (relative
   * to the root of the database).
   */
  get path() {
    return this._key.path.canonicalString();
  }
  /**
   * The collection this `DocumentReference` belongs to.
   */
  get parent() {
    return new mt(this.firestore, this.converter, this._key.path.popLast());
  }
  withConverter(e) {
    return new oe(this.firestore, e, this._key);
  }
  /**
   * Returns a JSON-serializable representation of this `DocumentReference` instance.
   *
   * @returns a JSON representation of this object.
   */
  toJSON() {
    return {
      type: oe._jsonSchemaVersion,
      referencePath: this._key.toString()
    };
  }
  static fromJSON(e, t, r) {
    if (mr(t, oe._jsonSchema)) return new oe(e, r || null, new O(K.fromString(t.referencePath)));
  }
}
oe._jsonSchemaVersion = "firestore/documentReference/1.0", oe._jsonSchema = {
  type: ie("string", oe._jsonSchemaVersion),
  referencePath: ie("string")
};
class mt extends vt {
  /** @hideconstructor */
  constructor(e, t, r) {
    super(e, t, vs(r)), this._path = r, /** The type of this Firestore reference. */
    this.type = "collection";
  }
  /** The collection's identifier. */
  get id() {
    return this._query.path.lastSegment();
  }
  /**
   * A string representing the path of the referenced collection (relative
   * to the root of the database).
   */
  get path() {
    return this._query.path.canonicalString();
  }
  /**
   * A reference to the containing `DocumentReference` if this is a
   * subcollection. If this isn't a subcollection, the reference is null.
   */
  get parent() {
    const e = this._path.popLast();
    return e.isEmpty() ? null : new oe(
      this.firestore,
      /* converter= */
      null,
      new O(e)
    );
  }
  withConverter(e) {
    return new mt(this.firestore, e, this._path);
  }
}
function jE(n, e, ...t) {
  if (n = ae(n), Tl("collection", "path", e), n instanceof Vs) {
    const r = K.fromString(e, ...t);
    return Ic(r), new mt(
      n,
      /* converter= */
      null,
      r
    );
  }
  {
    if (!(n instanceof oe || n instanceof mt)) throw new V(P.INVALID_ARGUMENT, "Expected first argument to collection() to be a CollectionReference, a DocumentReference or FirebaseFirestore");
    const r = n._path.child(K.fromString(e, ...t));
    return Ic(r), new mt(
      n.firestore,
      /* converter= */
      null,
      r
    );
  }
}
function $E(n, e, ...t) {
  if (n = ae(n), // We allow omission of 'pathString' but explicitly prohibit passing in both
  // 'undefined' and 'null'.
  arguments.length === 1 && (e = oo.newId()), Tl("doc", "path", e), n instanceof Vs) {
    const r = K.fromString(e, ...t);
    return Ec(r), new oe(
      n,
      /* converter= */
      null,
      new O(r)
    );
  }
  {
    if (!(n instanceof oe || n instanceof mt)) throw new V(P.INVALID_ARGUMENT, "Expected first argument to doc() to be a CollectionReference, a DocumentReference or FirebaseFirestore");
    const r = n._path.child(K.fromString(e, ...t));
    return Ec(r), new oe(n.firestore, n instanceof mt ? n.converter : null, new O(r));
  }
}
const uu = "AsyncQueue";
class lu {
  constructor(e = Promise.resolve()) {
    this.Yu = [], // Is this AsyncQueue being shut down? Once it is set to true, it will not
    // be changed again.
    this.ec = !1, // Operations scheduled to be queued in the future. Operations are
    // automatically removed after they are run or canceled.
    this.tc = [], // visible for testing
    this.nc = null, // Flag set while there's an outstanding AsyncQueue operation, used for
    // assertion sanity-checks.
    this.rc = !1, // Enabled during shutdown on Safari to prevent future access to IndexedDB.
    this.sc = !1, // List of TimerIds to fast-forward delays for.
    this.oc = [], // Backoff timer used to schedule retries for retryable operations
    this.M_ = new hh(
      this,
      "async_queue_retry"
      /* TimerId.AsyncQueueRetry */
    ), // Visibility handler that triggers an immediate retry of all retryable
    // operations. Meant to speed up recovery when we regain file system access
    // after page comes into foreground.
    this._c = () => {
      const r = mi();
      r && N(uu, "Visibility state changed to " + r.visibilityState), this.M_.w_();
    }, this.ac = e;
    const t = mi();
    t && typeof t.addEventListener == "function" && t.addEventListener("visibilitychange", this._c);
  }
  get isShuttingDown() {
    return this.ec;
  }
  /**
   * Adds a new operation to the queue without waiting for it to complete (i.e.
   * we ignore the Promise result).
   */
  enqueueAndForget(e) {
    this.enqueue(e);
  }
  enqueueAndForgetEvenWhileRestricted(e) {
    this.uc(), // eslint-disable-next-line @typescript-eslint/no-floating-promises
    this.cc(e);
  }
  enterRestrictedMode(e) {
    if (!this.ec) {
      this.ec = !0, this.sc = e || !1;
      const t = mi();
      t && typeof t.removeEventListener == "function" && t.removeEventListener("visibilitychange", this._c);
    }
  }
  enqueue(e) {
    if (this.uc(), this.ec)
      return new Promise((() => {
      }));
    const t = new Dt();
    return this.cc((() => this.ec && this.sc ? Promise.resolve() : (e().then(t.resolve, t.reject), t.promise))).then((() => t.promise));
  }
  enqueueRetryable(e) {
    this.enqueueAndForget((() => (this.Yu.push(e), this.lc())));
  }
  /**
   * Runs the next operation from the retryable queue. If the operation fails,
   * reschedules with backoff.
   */
  async lc() {
    if (this.Yu.length !== 0) {
      try {
        await this.Yu[0](), this.Yu.shift(), this.M_.reset();
      } catch (e) {
        if (!yn(e)) throw e;
        N(uu, "Operation failed with retryable error: " + e);
      }
      this.Yu.length > 0 && // If there are additional operations, we re-schedule `retryNextOp()`.
      // This is necessary to run retryable operations that failed during
      // their initial attempt since we don't know whether they are already
      // enqueued. If, for example, `op1`, `op2`, `op3` are enqueued and `op1`
      // needs to  be re-run, we will run `op1`, `op1`, `op2` using the
      // already enqueued calls to `retryNextOp()`. `op3()` will then run in the
      // call scheduled here.
      // Since `backoffAndRun()` cancels an existing backoff and schedules a
      // new backoff on every call, there is only ever a single additional
      // operation in the queue.
      this.M_.p_((() => this.lc()));
    }
  }
  cc(e) {
    const t = this.ac.then((() => (this.rc = !0, e().catch(((r) => {
      throw this.nc = r, this.rc = !1, Je("INTERNAL UNHANDLED ERROR: ", hu(r)), r;
    })).then(((r) => (this.rc = !1, r))))));
    return this.ac = t, t;
  }
  enqueueAfterDelay(e, t, r) {
    this.uc(), // Fast-forward delays for timerIds that have been overridden.
    this.oc.indexOf(e) > -1 && (t = 0);
    const s = Ao.createAndSchedule(this, e, t, r, ((o) => this.hc(o)));
    return this.tc.push(s), s;
  }
  uc() {
    this.nc && F(47125, {
      Pc: hu(this.nc)
    });
  }
  verifyOperationInProgress() {
  }
  /**
   * Waits until all currently queued tasks are finished executing. Delayed
   * operations are not run.
   */
  async Tc() {
    let e;
    do
      e = this.ac, await e;
    while (e !== this.ac);
  }
  /**
   * For Tests: Determine if a delayed operation with a particular TimerId
   * exists.
   */
  Ic(e) {
    for (const t of this.tc) if (t.timerId === e) return !0;
    return !1;
  }
  /**
   * For Tests: Runs some or all delayed operations early.
   *
   * @param lastTimerId - Delayed operations up to and including this TimerId
   * will be drained. Pass TimerId.All to run all delayed operations.
   * @returns a Promise that resolves once all operations have been run.
   */
  Ec(e) {
    return this.Tc().then((() => {
      this.tc.sort(((t, r) => t.targetTimeMs - r.targetTimeMs));
      for (const t of this.tc) if (t.skipDelay(), e !== "all" && t.timerId === e) break;
      return this.Tc();
    }));
  }
  /**
   * For Tests: Skip all subsequent delays for a timer id.
   */
  Rc(e) {
    this.oc.push(e);
  }
  /** Called once a DelayedOperation is run or canceled. */
  hc(e) {
    const t = this.tc.indexOf(e);
    this.tc.splice(t, 1);
  }
}
function hu(n) {
  let e = n.message || "";
  return n.stack && (e = n.stack.includes(n.message) ? n.stack : n.message + `
` + n.stack), e;
}
class ds extends Vs {
  /** @hideconstructor */
  constructor(e, t, r, s) {
    super(e, t, r, s), /**
     * Whether it's a {@link Firestore} or Firestore Lite instance.
     */
    this.type = "firestore", this._queue = new lu(), this._persistenceKey = s?.name || "[DEFAULT]";
  }
  async _terminate() {
    if (this._firestoreClient) {
      const e = this._firestoreClient.terminate();
      this._queue = new lu(e), this._firestoreClient = void 0, await e;
    }
  }
}
function HE(n, e) {
  const t = typeof n == "object" ? n : Pu(), r = typeof n == "string" ? n : e || ss, s = zi(t, "firestore").getImmediate({
    identifier: r
  });
  if (!s._initialized) {
    const o = Ad("firestore");
    o && _E(s, ...o);
  }
  return s;
}
function bh(n) {
  if (n._terminated) throw new V(P.FAILED_PRECONDITION, "The client has already been terminated.");
  return n._firestoreClient || yE(n), n._firestoreClient;
}
function yE(n) {
  const e = n._freezeSettings(), t = gE(n._databaseId, n._app?.options.appId || "", n._persistenceKey, n._app?.options.apiKey, e);
  n._componentsProvider || e.localCache?._offlineComponentProvider && e.localCache?._onlineComponentProvider && (n._componentsProvider = {
    _offline: e.localCache._offlineComponentProvider,
    _online: e.localCache._onlineComponentProvider
  }), n._firestoreClient = new lE(n._authCredentials, n._appCheckCredentials, n._queue, t, n._componentsProvider && (function(s) {
    const o = s?._online.build();
    return {
      _offline: s?._offline.build(o),
      _online: o
    };
  })(n._componentsProvider));
}
class Ve {
  /** @hideconstructor */
  constructor(e) {
    this._byteString = e;
  }
  /**
   * Creates a new `Bytes` object from the given Base64 string, converting it to
   * bytes.
   *
   * @param base64 - The Base64 string used to create the `Bytes` object.
   */
  static fromBase64String(e) {
    try {
      return new Ve(pe.fromBase64String(e));
    } catch (t) {
      throw new V(P.INVALID_ARGUMENT, "Failed to construct data from Base64 string: " + t);
    }
  }
  /**
   * Creates a new `Bytes` object from the given Uint8Array.
   *
   * @param array - The Uint8Array used to create the `Bytes` object.
   */
  static fromUint8Array(e) {
    return new Ve(pe.fromUint8Array(e));
  }
  /**
   * Returns the underlying bytes as a Base64-encoded string.
   *
   * @returns The Base64-encoded string created from the `Bytes` object.
   */
  toBase64() {
    return this._byteString.toBase64();
  }
  /**
   * Returns the underlying bytes in a new `Uint8Array`.
   *
   * @returns The Uint8Array created from the `Bytes` object.
   */
  toUint8Array() {
    return this._byteString.toUint8Array();
  }
  /**
   * Returns a string representation of the `Bytes` object.
   *
   * @returns A string representation of the `Bytes` object.
   */
  toString() {
    return "Bytes(base64: " + this.toBase64() + ")";
  }
  /**
   * Returns true if this `Bytes` object is equal to the provided one.
   *
   * @param other - The `Bytes` object to compare against.
   * @returns true if this `Bytes` object is equal to the provided one.
   */
  isEqual(e) {
    return this._byteString.isEqual(e._byteString);
  }
  /**
   * Returns a JSON-serializable representation of this `Bytes` instance.
   *
   * @returns a JSON representation of this object.
   */
  toJSON() {
    return {
      type: Ve._jsonSchemaVersion,
      bytes: this.toBase64()
    };
  }
  /**
   * Builds a `Bytes` instance from a JSON object created by {@link Bytes.toJSON}.
   *
   * @param json - a JSON object represention of a `Bytes` instance
   * @returns an instance of {@link Bytes} if the JSON object could be parsed. Throws a
   * {@link FirestoreError} if an error occurs.
   */
  static fromJSON(e) {
    if (mr(e, Ve._jsonSchema)) return Ve.fromBase64String(e.bytes);
  }
}
Ve._jsonSchemaVersion = "firestore/bytes/1.0", Ve._jsonSchema = {
  type: ie("string", Ve._jsonSchemaVersion),
  bytes: ie("string")
};
class kh {
  /**
   * Creates a `FieldPath` from the provided field names. If more than one field
   * name is provided, the path will point to a nested field in a document.
   *
   * @param fieldNames - A list of field names.
   */
  constructor(...e) {
    for (let t = 0; t < e.length; ++t) if (e[t].length === 0) throw new V(P.INVALID_ARGUMENT, "Invalid field name at argument $(i + 1). Field names must not be empty.");
    this._internalPath = new Ie(e);
  }
  /**
   * Returns true if this `FieldPath` is equal to the provided one.
   *
   * @param other - The `FieldPath` to compare against.
   * @returns true if this `FieldPath` is equal to the provided one.
   */
  isEqual(e) {
    return this._internalPath.isEqual(e._internalPath);
  }
}
class Vh {
  /**
   * @param _methodName - The public API endpoint that returns this class.
   * @hideconstructor
   */
  constructor(e) {
    this._methodName = e;
  }
}
class He {
  /**
   * Creates a new immutable `GeoPoint` object with the provided latitude and
   * longitude values.
   * @param latitude - The latitude as number between -90 and 90.
   * @param longitude - The longitude as number between -180 and 180.
   */
  constructor(e, t) {
    if (!isFinite(e) || e < -90 || e > 90) throw new V(P.INVALID_ARGUMENT, "Latitude must be a number between -90 and 90, but was: " + e);
    if (!isFinite(t) || t < -180 || t > 180) throw new V(P.INVALID_ARGUMENT, "Longitude must be a number between -180 and 180, but was: " + t);
    this._lat = e, this._long = t;
  }
  /**
   * The latitude of this `GeoPoint` instance.
   */
  get latitude() {
    return this._lat;
  }
  /**
   * The longitude of this `GeoPoint` instance.
   */
  get longitude() {
    return this._long;
  }
  /**
   * Returns true if this `GeoPoint` is equal to the provided one.
   *
   * @param other - The `GeoPoint` to compare against.
   * @returns true if this `GeoPoint` is equal to the provided one.
   */
  isEqual(e) {
    return this._lat === e._lat && this._long === e._long;
  }
  /**
   * Actually private to JS consumers of our API, so this function is prefixed
   * with an underscore.
   */
  _compareTo(e) {
    return q(this._lat, e._lat) || q(this._long, e._long);
  }
  /**
   * Returns a JSON-serializable representation of this `GeoPoint` instance.
   *
   * @returns a JSON representation of this object.
   */
  toJSON() {
    return {
      latitude: this._lat,
      longitude: this._long,
      type: He._jsonSchemaVersion
    };
  }
  /**
   * Builds a `GeoPoint` instance from a JSON object created by {@link GeoPoint.toJSON}.
   *
   * @param json - a JSON object represention of a `GeoPoint` instance
   * @returns an instance of {@link GeoPoint} if the JSON object could be parsed. Throws a
   * {@link FirestoreError} if an error occurs.
   */
  static fromJSON(e) {
    if (mr(e, He._jsonSchema)) return new He(e.latitude, e.longitude);
  }
}
He._jsonSchemaVersion = "firestore/geoPoint/1.0", He._jsonSchema = {
  type: ie("string", He._jsonSchemaVersion),
  latitude: ie("number"),
  longitude: ie("number")
};
class Me {
  /**
   * @private
   * @internal
   */
  constructor(e) {
    this._values = (e || []).map(((t) => t));
  }
  /**
   * Returns a copy of the raw number array form of the vector.
   */
  toArray() {
    return this._values.map(((e) => e));
  }
  /**
   * Returns `true` if the two `VectorValue` values have the same raw number arrays, returns `false` otherwise.
   */
  isEqual(e) {
    return (function(r, s) {
      if (r.length !== s.length) return !1;
      for (let o = 0; o < r.length; ++o) if (r[o] !== s[o]) return !1;
      return !0;
    })(this._values, e._values);
  }
  /**
   * Returns a JSON-serializable representation of this `VectorValue` instance.
   *
   * @returns a JSON representation of this object.
   */
  toJSON() {
    return {
      type: Me._jsonSchemaVersion,
      vectorValues: this._values
    };
  }
  /**
   * Builds a `VectorValue` instance from a JSON object created by {@link VectorValue.toJSON}.
   *
   * @param json - a JSON object represention of a `VectorValue` instance.
   * @returns an instance of {@link VectorValue} if the JSON object could be parsed. Throws a
   * {@link FirestoreError} if an error occurs.
   */
  static fromJSON(e) {
    if (mr(e, Me._jsonSchema)) {
      if (Array.isArray(e.vectorValues) && e.vectorValues.every(((t) => typeof t == "number"))) return new Me(e.vectorValues);
      throw new V(P.INVALID_ARGUMENT, "Expected 'vectorValues' field to be a number array");
    }
  }
}
Me._jsonSchemaVersion = "firestore/vectorValue/1.0", Me._jsonSchema = {
  type: ie("string", Me._jsonSchemaVersion),
  vectorValues: ie("object")
};
const EE = /^__.*__$/;
function Nh(n) {
  switch (n) {
    case 0:
    // fall through
    case 2:
    // fall through
    case 1:
      return !0;
    case 3:
    case 4:
      return !1;
    default:
      throw F(40011, {
        dataSource: n
      });
  }
}
class Co {
  /**
   * Initializes a ParseContext with the given source and path.
   *
   * @param settings - The settings for the parser.
   * @param databaseId - The database ID of the Firestore instance.
   * @param serializer - The serializer to use to generate the Value proto.
   * @param ignoreUndefinedProperties - Whether to ignore undefined properties
   * rather than throw.
   * @param fieldTransforms - A mutable list of field transforms encountered
   * while parsing the data.
   * @param fieldMask - A mutable list of field paths encountered while parsing
   * the data.
   *
   * TODO(b/34871131): We don't support array paths right now, so path can be
   * null to indicate the context represents any location within an array (in
   * which case certain features will not work and errors will be somewhat
   * compromised).
   */
  constructor(e, t, r, s, o, a) {
    this.settings = e, this.databaseId = t, this.serializer = r, this.ignoreUndefinedProperties = s, // Minor hack: If fieldTransforms is undefined, we assume this is an
    // external call and we need to validate the entire path.
    o === void 0 && this.validatePath(), this.fieldTransforms = o || [], this.fieldMask = a || [];
  }
  get path() {
    return this.settings.path;
  }
  get dataSource() {
    return this.settings.dataSource;
  }
  /** Returns a new context with the specified settings overwritten. */
  contextWith(e) {
    return new Co({
      ...this.settings,
      ...e
    }, this.databaseId, this.serializer, this.ignoreUndefinedProperties, this.fieldTransforms, this.fieldMask);
  }
  childContextForField(e) {
    const t = this.path?.child(e), r = this.contextWith({
      path: t,
      arrayElement: !1
    });
    return r.validatePathSegment(e), r;
  }
  childContextForFieldPath(e) {
    const t = this.path?.child(e), r = this.contextWith({
      path: t,
      arrayElement: !1
    });
    return r.validatePath(), r;
  }
  childContextForArray(e) {
    return this.contextWith({
      path: void 0,
      arrayElement: !0
    });
  }
  createError(e) {
    return fs(e, this.settings.methodName, this.settings.hasConverter || !1, this.path, this.settings.targetDoc);
  }
  /** Returns 'true' if 'fieldPath' was traversed when creating this context. */
  contains(e) {
    return this.fieldMask.find(((t) => e.isPrefixOf(t))) !== void 0 || this.fieldTransforms.find(((t) => e.isPrefixOf(t.field))) !== void 0;
  }
  validatePath() {
    if (this.path) for (let e = 0; e < this.path.length; e++) this.validatePathSegment(this.path.get(e));
  }
  validatePathSegment(e) {
    if (e.length === 0) throw this.createError("Document fields must not be empty");
    if (Nh(this.dataSource) && EE.test(e)) throw this.createError('Document fields cannot begin and end with "__"');
  }
}
class IE {
  constructor(e, t, r) {
    this.databaseId = e, this.ignoreUndefinedProperties = t, this.serializer = r || bs(e);
  }
  /** Creates a new top-level parse context. */
  createContext(e, t, r, s = !1) {
    return new Co({
      dataSource: e,
      methodName: t,
      targetDoc: r,
      path: Ie.emptyPath(),
      arrayElement: !1,
      hasConverter: s
    }, this.databaseId, this.serializer, this.ignoreUndefinedProperties);
  }
}
function TE(n) {
  const e = n._freezeSettings(), t = bs(n._databaseId);
  return new IE(n._databaseId, !!e.ignoreUndefinedProperties, t);
}
function wE(n, e, t, r = !1) {
  return bo(t, n.createContext(r ? 4 : 3, e));
}
function bo(n, e) {
  if (Dh(
    // Unwrap the API type from the Compat SDK. This will return the API type
    // from firestore-exp.
    n = ae(n)
  )) return AE("Unsupported field value:", e, n), vE(n, e);
  if (n instanceof Vh)
    return (function(r, s) {
      if (!Nh(s.dataSource)) throw s.createError(`${r._methodName}() can only be used with update() and set()`);
      if (!s.path) throw s.createError(`${r._methodName}() is not currently supported inside arrays`);
      const o = r._toFieldTransform(s);
      o && s.fieldTransforms.push(o);
    })(n, e), null;
  if (n === void 0 && e.ignoreUndefinedProperties)
    return null;
  if (
    // If context.path is null we are inside an array and we don't support
    // field mask paths more granular than the top-level array.
    e.path && e.fieldMask.push(e.path), n instanceof Array
  ) {
    if (e.settings.arrayElement && e.dataSource !== 4) throw e.createError("Nested arrays are not supported");
    return (function(r, s) {
      const o = [];
      let a = 0;
      for (const u of r) {
        let h = bo(u, s.childContextForArray(a));
        h == null && // Just include nulls in the array for fields being replaced with a
        // sentinel.
        (h = {
          nullValue: "NULL_VALUE"
        }), o.push(h), a++;
      }
      return {
        arrayValue: {
          values: o
        }
      };
    })(n, e);
  }
  return (function(r, s) {
    if ((r = ae(r)) === null) return {
      nullValue: "NULL_VALUE"
    };
    if (typeof r == "number") return P_(s.serializer, r);
    if (typeof r == "boolean") return {
      booleanValue: r
    };
    if (typeof r == "string") return {
      stringValue: r
    };
    if (r instanceof Date) {
      const o = J.fromDate(r);
      return {
        timestampValue: Li(s.serializer, o)
      };
    }
    if (r instanceof J) {
      const o = new J(r.seconds, 1e3 * Math.floor(r.nanoseconds / 1e3));
      return {
        timestampValue: Li(s.serializer, o)
      };
    }
    if (r instanceof He) return {
      geoPointValue: {
        latitude: r.latitude,
        longitude: r.longitude
      }
    };
    if (r instanceof Ve) return {
      bytesValue: Xl(s.serializer, r._byteString)
    };
    if (r instanceof oe) {
      const o = s.databaseId, a = r.firestore._databaseId;
      if (!a.isEqual(o)) throw s.createError(`Document reference is for database ${a.projectId}/${a.database} but should be for database ${o.projectId}/${o.database}`);
      return {
        referenceValue: Zl(r.firestore._databaseId || s.databaseId, r._key.path)
      };
    }
    if (r instanceof Me)
      return (function(a, u) {
        const h = a instanceof Me ? a.toArray() : a;
        return {
          mapValue: {
            fields: {
              [kl]: {
                stringValue: Vl
              },
              [is]: {
                arrayValue: {
                  values: h.map(((p) => {
                    if (typeof p != "number") throw u.createError("VectorValues must only contain numeric values.");
                    return ho(u.serializer, p);
                  }))
                }
              }
            }
          }
        };
      })(r, s);
    if (oh(r)) return r._toProto(s.serializer);
    throw s.createError(`Unsupported field value: ${ys(r)}`);
  })(n, e);
}
function vE(n, e) {
  const t = {};
  return Al(n) ? (
    // If we encounter an empty object, we explicitly add it to the update
    // mask to ensure that the server creates a map entry.
    e.path && e.path.length > 0 && e.fieldMask.push(e.path)
  ) : En(n, ((r, s) => {
    const o = bo(s, e.childContextForField(r));
    o != null && (t[r] = o);
  })), {
    mapValue: {
      fields: t
    }
  };
}
function Dh(n) {
  return !(typeof n != "object" || n === null || n instanceof Array || n instanceof Date || n instanceof J || n instanceof He || n instanceof Ve || n instanceof oe || n instanceof Vh || n instanceof Me || oh(n));
}
function AE(n, e, t) {
  if (!Dh(t) || !wl(t)) {
    const r = ys(t);
    throw r === "an object" ? e.createError(n + " a custom object") : e.createError(n + " " + r);
  }
}
function ko(n, e, t) {
  if (
    // If required, replace the FieldPath Compat class with the firestore-exp
    // FieldPath.
    (e = ae(e)) instanceof kh
  ) return e._internalPath;
  if (typeof e == "string") return SE(n, e);
  throw fs(
    "Field path arguments must be of type string or ",
    n,
    /* hasConverter= */
    !1,
    /* path= */
    void 0,
    t
  );
}
const RE = new RegExp("[~\\*/\\[\\]]");
function SE(n, e, t) {
  if (e.search(RE) >= 0) throw fs(
    `Invalid field path (${e}). Paths must not contain '~', '*', '/', '[', or ']'`,
    n,
    /* hasConverter= */
    !1,
    /* path= */
    void 0,
    t
  );
  try {
    return new kh(...e.split("."))._internalPath;
  } catch {
    throw fs(
      `Invalid field path (${e}). Paths must not be empty, begin with '.', end with '.', or contain '..'`,
      n,
      /* hasConverter= */
      !1,
      /* path= */
      void 0,
      t
    );
  }
}
function fs(n, e, t, r, s) {
  const o = r && !r.isEmpty(), a = s !== void 0;
  let u = `Function ${e}() called with invalid data`;
  t && (u += " (via `toFirestore()`)"), u += ". ";
  let h = "";
  return (o || a) && (h += " (found", o && (h += ` in field ${r}`), a && (h += ` in document ${s}`), h += ")"), new V(P.INVALID_ARGUMENT, u + n + h);
}
class PE {
  convertValue(e, t = "none") {
    switch (Et(e)) {
      case 0:
        return null;
      case 1:
        return e.booleanValue;
      case 2:
        return ee(e.integerValue || e.doubleValue);
      case 3:
        return this.convertTimestamp(e.timestampValue);
      case 4:
        return this.convertServerTimestamp(e, t);
      case 5:
        return e.stringValue;
      case 6:
        return this.convertBytes(yt(e.bytesValue));
      case 7:
        return this.convertReference(e.referenceValue);
      case 8:
        return this.convertGeoPoint(e.geoPointValue);
      case 9:
        return this.convertArray(e.arrayValue, t);
      case 11:
        return this.convertObject(e.mapValue, t);
      case 10:
        return this.convertVectorValue(e.mapValue);
      default:
        throw F(62114, {
          value: e
        });
    }
  }
  convertObject(e, t) {
    return this.convertObjectMap(e.fields, t);
  }
  /**
   * @internal
   */
  convertObjectMap(e, t = "none") {
    const r = {};
    return En(e, ((s, o) => {
      r[s] = this.convertValue(o, t);
    })), r;
  }
  /**
   * @internal
   */
  convertVectorValue(e) {
    const t = e.fields?.[is].arrayValue?.values?.map(((r) => ee(r.doubleValue)));
    return new Me(t);
  }
  convertGeoPoint(e) {
    return new He(ee(e.latitude), ee(e.longitude));
  }
  convertArray(e, t) {
    return (e.values || []).map(((r) => this.convertValue(r, t)));
  }
  convertServerTimestamp(e, t) {
    switch (t) {
      case "previous":
        const r = ws(e);
        return r == null ? null : this.convertValue(r, t);
      case "estimate":
        return this.convertTimestamp(or(e));
      default:
        return null;
    }
  }
  convertTimestamp(e) {
    const t = _t(e);
    return new J(t.seconds, t.nanos);
  }
  convertDocumentKey(e, t) {
    const r = K.fromString(e);
    Y(ih(r), 9688, {
      name: e
    });
    const s = new ar(r.get(1), r.get(3)), o = new O(r.popFirst(5));
    return s.isEqual(t) || // TODO(b/64130202): Somehow support foreign references.
    Je(`Document ${o} contains a document reference within a different database (${s.projectId}/${s.database}) which is not supported. It will be treated as a reference in the current database (${t.projectId}/${t.database}) instead.`), o;
  }
}
class Oh extends PE {
  constructor(e) {
    super(), this.firestore = e;
  }
  convertBytes(e) {
    return new Ve(e);
  }
  convertReference(e) {
    const t = this.convertDocumentKey(e, this.firestore._databaseId);
    return new oe(
      this.firestore,
      /* converter= */
      null,
      t
    );
  }
}
const du = "@firebase/firestore", fu = "4.11.0";
function pu(n) {
  return (function(t, r) {
    if (typeof t != "object" || t === null) return !1;
    const s = t;
    for (const o of r) if (o in s && typeof s[o] == "function") return !0;
    return !1;
  })(n, ["next", "error", "complete"]);
}
class Lh {
  // Note: This class is stripped down version of the DocumentSnapshot in
  // the legacy SDK. The changes are:
  // - No support for SnapshotMetadata.
  // - No support for SnapshotOptions.
  /** @hideconstructor protected */
  constructor(e, t, r, s, o) {
    this._firestore = e, this._userDataWriter = t, this._key = r, this._document = s, this._converter = o;
  }
  /** Property of the `DocumentSnapshot` that provides the document's ID. */
  get id() {
    return this._key.path.lastSegment();
  }
  /**
   * The `DocumentReference` for the document included in the `DocumentSnapshot`.
   */
  get ref() {
    return new oe(this._firestore, this._converter, this._key);
  }
  /**
   * Signals whether or not the document at the snapshot's location exists.
   *
   * @returns true if the document exists.
   */
  exists() {
    return this._document !== null;
  }
  /**
   * Retrieves all fields in the document as an `Object`. Returns `undefined` if
   * the document doesn't exist.
   *
   * @returns An `Object` containing all fields in the document or `undefined`
   * if the document doesn't exist.
   */
  data() {
    if (this._document) {
      if (this._converter) {
        const e = new CE(
          this._firestore,
          this._userDataWriter,
          this._key,
          this._document,
          /* converter= */
          null
        );
        return this._converter.fromFirestore(e);
      }
      return this._userDataWriter.convertValue(this._document.data.value);
    }
  }
  /**
   * @internal
   * @private
   *
   * Retrieves all fields in the document as a proto Value. Returns `undefined` if
   * the document doesn't exist.
   *
   * @returns An `Object` containing all fields in the document or `undefined`
   * if the document doesn't exist.
   */
  _fieldsProto() {
    return this._document?.data.clone().value.mapValue.fields ?? void 0;
  }
  /**
   * Retrieves the field specified by `fieldPath`. Returns `undefined` if the
   * document or field doesn't exist.
   *
   * @param fieldPath - The path (for example 'foo' or 'foo.bar') to a specific
   * field.
   * @returns The data at the specified field location or undefined if no such
   * field exists in the document.
   */
  // We are using `any` here to avoid an explicit cast by our users.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(e) {
    if (this._document) {
      const t = this._document.data.field(ko("DocumentSnapshot.get", e));
      if (t !== null) return this._userDataWriter.convertValue(t);
    }
  }
}
class CE extends Lh {
  /**
   * Retrieves all fields in the document as an `Object`.
   *
   * @override
   * @returns An `Object` containing all fields in the document.
   */
  data() {
    return super.data();
  }
}
function bE(n) {
  if (n.limitType === "L" && n.explicitOrderBy.length === 0) throw new V(P.UNIMPLEMENTED, "limitToLast() queries require specifying at least one orderBy() clause");
}
class Vo {
}
class No extends Vo {
}
function zE(n, e, ...t) {
  let r = [];
  e instanceof Vo && r.push(e), r = r.concat(t), (function(o) {
    const a = o.filter(((h) => h instanceof Oo)).length, u = o.filter(((h) => h instanceof Do)).length;
    if (a > 1 || a > 0 && u > 0) throw new V(P.INVALID_ARGUMENT, "InvalidQuery. When using composite filters, you cannot use more than one filter at the top level. Consider nesting the multiple filters within an `and(...)` statement. For example: change `query(query, where(...), or(...))` to `query(query, and(where(...), or(...)))`.");
  })(r);
  for (const s of r) n = s._apply(n);
  return n;
}
class Do extends No {
  /**
   * @internal
   */
  constructor(e, t, r) {
    super(), this._field = e, this._op = t, this._value = r, /** The type of this query constraint */
    this.type = "where";
  }
  static _create(e, t, r) {
    return new Do(e, t, r);
  }
  _apply(e) {
    const t = this._parse(e);
    return Mh(e._query, t), new vt(e.firestore, e.converter, Vi(e._query, t));
  }
  _parse(e) {
    const t = TE(e.firestore);
    return (function(o, a, u, h, d, p, I) {
      let A;
      if (d.isKeyField()) {
        if (p === "array-contains" || p === "array-contains-any") throw new V(P.INVALID_ARGUMENT, `Invalid Query. You can't perform '${p}' queries on documentId().`);
        if (p === "in" || p === "not-in") {
          gu(I, p);
          const D = [];
          for (const M of I) D.push(mu(h, o, M));
          A = {
            arrayValue: {
              values: D
            }
          };
        } else A = mu(h, o, I);
      } else p !== "in" && p !== "not-in" && p !== "array-contains-any" || gu(I, p), A = wE(
        u,
        a,
        I,
        /* allowArrays= */
        p === "in" || p === "not-in"
      );
      return se.create(d, p, A);
    })(e._query, "where", t, e.firestore._databaseId, this._field, this._op, this._value);
  }
}
class Oo extends Vo {
  /**
   * @internal
   */
  constructor(e, t) {
    super(), this.type = e, this._queryConstraints = t;
  }
  static _create(e, t) {
    return new Oo(e, t);
  }
  _parse(e) {
    const t = this._queryConstraints.map(((r) => r._parse(e))).filter(((r) => r.getFilters().length > 0));
    return t.length === 1 ? t[0] : xe.create(t, this._getOperator());
  }
  _apply(e) {
    const t = this._parse(e);
    return t.getFilters().length === 0 ? e : ((function(s, o) {
      let a = s;
      const u = o.getFlattenedFilters();
      for (const h of u) Mh(a, h), a = Vi(a, h);
    })(e._query, t), new vt(e.firestore, e.converter, Vi(e._query, t)));
  }
  _getQueryConstraints() {
    return this._queryConstraints;
  }
  _getOperator() {
    return this.type === "and" ? "and" : "or";
  }
}
class Lo extends No {
  /**
   * @internal
   */
  constructor(e, t) {
    super(), this._field = e, this._direction = t, /** The type of this query constraint */
    this.type = "orderBy";
  }
  static _create(e, t) {
    return new Lo(e, t);
  }
  _apply(e) {
    const t = (function(s, o, a) {
      if (s.startAt !== null) throw new V(P.INVALID_ARGUMENT, "Invalid query. You must not call startAt() or startAfter() before calling orderBy().");
      if (s.endAt !== null) throw new V(P.INVALID_ARGUMENT, "Invalid query. You must not call endAt() or endBefore() before calling orderBy().");
      return new ur(o, a);
    })(e._query, this._field, this._direction);
    return new vt(e.firestore, e.converter, E_(e._query, t));
  }
}
function WE(n, e = "asc") {
  const t = e, r = ko("orderBy", n);
  return Lo._create(r, t);
}
class Mo extends No {
  /**
   * @internal
   */
  constructor(e, t, r) {
    super(), this.type = e, this._limit = t, this._limitType = r;
  }
  static _create(e, t, r) {
    return new Mo(e, t, r);
  }
  _apply(e) {
    return new vt(e.firestore, e.converter, as(e._query, this._limit, this._limitType));
  }
}
function GE(n) {
  return $g("limit", n), Mo._create(
    "limit",
    n,
    "F"
    /* LimitType.First */
  );
}
function mu(n, e, t) {
  if (typeof (t = ae(t)) == "string") {
    if (t === "") throw new V(P.INVALID_ARGUMENT, "Invalid query. When querying with documentId(), you must provide a valid document ID, but it was an empty string.");
    if (!Fl(e) && t.indexOf("/") !== -1) throw new V(P.INVALID_ARGUMENT, `Invalid query. When querying a collection by documentId(), you must provide a plain document ID, but '${t}' contains a '/' character.`);
    const r = e.path.child(K.fromString(t));
    if (!O.isDocumentKey(r)) throw new V(P.INVALID_ARGUMENT, `Invalid query. When querying a collection group by documentId(), the value provided must result in a valid document path, but '${r}' is not because it has an odd number of segments (${r.length}).`);
    return Cc(n, new O(r));
  }
  if (t instanceof oe) return Cc(n, t._key);
  throw new V(P.INVALID_ARGUMENT, `Invalid query. When querying with documentId(), you must provide a valid string or a DocumentReference, but it was: ${ys(t)}.`);
}
function gu(n, e) {
  if (!Array.isArray(n) || n.length === 0) throw new V(P.INVALID_ARGUMENT, `Invalid Query. A non-empty array is required for '${e.toString()}' filters.`);
}
function Mh(n, e) {
  const t = (function(s, o) {
    for (const a of s) for (const u of a.getFlattenedFilters()) if (o.indexOf(u.op) >= 0) return u.op;
    return null;
  })(n.filters, (function(s) {
    switch (s) {
      case "!=":
        return [
          "!=",
          "not-in"
          /* Operator.NOT_IN */
        ];
      case "array-contains-any":
      case "in":
        return [
          "not-in"
          /* Operator.NOT_IN */
        ];
      case "not-in":
        return [
          "array-contains-any",
          "in",
          "not-in",
          "!="
          /* Operator.NOT_EQUAL */
        ];
      default:
        return [];
    }
  })(e.op));
  if (t !== null)
    throw t === e.op ? new V(P.INVALID_ARGUMENT, `Invalid query. You cannot use more than one '${e.op.toString()}' filter.`) : new V(P.INVALID_ARGUMENT, `Invalid query. You cannot use '${e.op.toString()}' filters with '${t.toString()}' filters.`);
}
class Wn {
  /** @hideconstructor */
  constructor(e, t) {
    this.hasPendingWrites = e, this.fromCache = t;
  }
  /**
   * Returns true if this `SnapshotMetadata` is equal to the provided one.
   *
   * @param other - The `SnapshotMetadata` to compare against.
   * @returns true if this `SnapshotMetadata` is equal to the provided one.
   */
  isEqual(e) {
    return this.hasPendingWrites === e.hasPendingWrites && this.fromCache === e.fromCache;
  }
}
class Lt extends Lh {
  /** @hideconstructor protected */
  constructor(e, t, r, s, o, a) {
    super(e, t, r, s, a), this._firestore = e, this._firestoreImpl = e, this.metadata = o;
  }
  /**
   * Returns whether or not the data exists. True if the document exists.
   */
  exists() {
    return super.exists();
  }
  /**
   * Retrieves all fields in the document as an `Object`. Returns `undefined` if
   * the document doesn't exist.
   *
   * By default, `serverTimestamp()` values that have not yet been
   * set to their final value will be returned as `null`. You can override
   * this by passing an options object.
   *
   * @param options - An options object to configure how data is retrieved from
   * the snapshot (for example the desired behavior for server timestamps that
   * have not yet been set to their final value).
   * @returns An `Object` containing all fields in the document or `undefined` if
   * the document doesn't exist.
   */
  data(e = {}) {
    if (this._document) {
      if (this._converter) {
        const t = new Kr(
          this._firestore,
          this._userDataWriter,
          this._key,
          this._document,
          this.metadata,
          /* converter= */
          null
        );
        return this._converter.fromFirestore(t, e);
      }
      return this._userDataWriter.convertValue(this._document.data.value, e.serverTimestamps);
    }
  }
  /**
   * Retrieves the field specified by `fieldPath`. Returns `undefined` if the
   * document or field doesn't exist.
   *
   * By default, a `serverTimestamp()` that has not yet been set to
   * its final value will be returned as `null`. You can override this by
   * passing an options object.
   *
   * @param fieldPath - The path (for example 'foo' or 'foo.bar') to a specific
   * field.
   * @param options - An options object to configure how the field is retrieved
   * from the snapshot (for example the desired behavior for server timestamps
   * that have not yet been set to their final value).
   * @returns The data at the specified field location or undefined if no such
   * field exists in the document.
   */
  // We are using `any` here to avoid an explicit cast by our users.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(e, t = {}) {
    if (this._document) {
      const r = this._document.data.field(ko("DocumentSnapshot.get", e));
      if (r !== null) return this._userDataWriter.convertValue(r, t.serverTimestamps);
    }
  }
  /**
   * Returns a JSON-serializable representation of this `DocumentSnapshot` instance.
   *
   * @returns a JSON representation of this object.  Throws a {@link FirestoreError} if this
   * `DocumentSnapshot` has pending writes.
   */
  toJSON() {
    if (this.metadata.hasPendingWrites) throw new V(P.FAILED_PRECONDITION, "DocumentSnapshot.toJSON() attempted to serialize a document with pending writes. Await waitForPendingWrites() before invoking toJSON().");
    const e = this._document, t = {};
    return t.type = Lt._jsonSchemaVersion, t.bundle = "", t.bundleSource = "DocumentSnapshot", t.bundleName = this._key.toString(), !e || !e.isValidDocument() || !e.isFoundDocument() ? t : (this._userDataWriter.convertObjectMap(e.data.value.mapValue.fields, "previous"), t.bundle = (this._firestore, this.ref.path, "NOT SUPPORTED"), t);
  }
}
Lt._jsonSchemaVersion = "firestore/documentSnapshot/1.0", Lt._jsonSchema = {
  type: ie("string", Lt._jsonSchemaVersion),
  bundleSource: ie("string", "DocumentSnapshot"),
  bundleName: ie("string"),
  bundle: ie("string")
};
class Kr extends Lt {
  /**
   * Retrieves all fields in the document as an `Object`.
   *
   * By default, `serverTimestamp()` values that have not yet been
   * set to their final value will be returned as `null`. You can override
   * this by passing an options object.
   *
   * @override
   * @param options - An options object to configure how data is retrieved from
   * the snapshot (for example the desired behavior for server timestamps that
   * have not yet been set to their final value).
   * @returns An `Object` containing all fields in the document.
   */
  data(e = {}) {
    return super.data(e);
  }
}
class sn {
  /** @hideconstructor */
  constructor(e, t, r, s) {
    this._firestore = e, this._userDataWriter = t, this._snapshot = s, this.metadata = new Wn(s.hasPendingWrites, s.fromCache), this.query = r;
  }
  /** An array of all the documents in the `QuerySnapshot`. */
  get docs() {
    const e = [];
    return this.forEach(((t) => e.push(t))), e;
  }
  /** The number of documents in the `QuerySnapshot`. */
  get size() {
    return this._snapshot.docs.size;
  }
  /** True if there are no documents in the `QuerySnapshot`. */
  get empty() {
    return this.size === 0;
  }
  /**
   * Enumerates all of the documents in the `QuerySnapshot`.
   *
   * @param callback - A callback to be called with a `QueryDocumentSnapshot` for
   * each document in the snapshot.
   * @param thisArg - The `this` binding for the callback.
   */
  forEach(e, t) {
    this._snapshot.docs.forEach(((r) => {
      e.call(t, new Kr(this._firestore, this._userDataWriter, r.key, r, new Wn(this._snapshot.mutatedKeys.has(r.key), this._snapshot.fromCache), this.query.converter));
    }));
  }
  /**
   * Returns an array of the documents changes since the last snapshot. If this
   * is the first snapshot, all documents will be in the list as 'added'
   * changes.
   *
   * @param options - `SnapshotListenOptions` that control whether metadata-only
   * changes (i.e. only `DocumentSnapshot.metadata` changed) should trigger
   * snapshot events.
   */
  docChanges(e = {}) {
    const t = !!e.includeMetadataChanges;
    if (t && this._snapshot.excludesMetadataChanges) throw new V(P.INVALID_ARGUMENT, "To include metadata changes with your document changes, you must also pass { includeMetadataChanges:true } to onSnapshot().");
    return this._cachedChanges && this._cachedChangesIncludeMetadataChanges === t || (this._cachedChanges = /** Calculates the array of `DocumentChange`s for a given `ViewSnapshot`. */
    (function(s, o) {
      if (s._snapshot.oldDocs.isEmpty()) {
        let a = 0;
        return s._snapshot.docChanges.map(((u) => {
          const h = new Kr(s._firestore, s._userDataWriter, u.doc.key, u.doc, new Wn(s._snapshot.mutatedKeys.has(u.doc.key), s._snapshot.fromCache), s.query.converter);
          return u.doc, {
            type: "added",
            doc: h,
            oldIndex: -1,
            newIndex: a++
          };
        }));
      }
      {
        let a = s._snapshot.oldDocs;
        return s._snapshot.docChanges.filter(((u) => o || u.type !== 3)).map(((u) => {
          const h = new Kr(s._firestore, s._userDataWriter, u.doc.key, u.doc, new Wn(s._snapshot.mutatedKeys.has(u.doc.key), s._snapshot.fromCache), s.query.converter);
          let d = -1, p = -1;
          return u.type !== 0 && (d = a.indexOf(u.doc.key), a = a.delete(u.doc.key)), u.type !== 1 && (a = a.add(u.doc), p = a.indexOf(u.doc.key)), {
            type: kE(u.type),
            doc: h,
            oldIndex: d,
            newIndex: p
          };
        }));
      }
    })(this, t), this._cachedChangesIncludeMetadataChanges = t), this._cachedChanges;
  }
  /**
   * Returns a JSON-serializable representation of this `QuerySnapshot` instance.
   *
   * @returns a JSON representation of this object. Throws a {@link FirestoreError} if this
   * `QuerySnapshot` has pending writes.
   */
  toJSON() {
    if (this.metadata.hasPendingWrites) throw new V(P.FAILED_PRECONDITION, "QuerySnapshot.toJSON() attempted to serialize a document with pending writes. Await waitForPendingWrites() before invoking toJSON().");
    const e = {};
    e.type = sn._jsonSchemaVersion, e.bundleSource = "QuerySnapshot", e.bundleName = oo.newId(), this._firestore._databaseId.database, this._firestore._databaseId.projectId;
    const t = [], r = [], s = [];
    return this.docs.forEach(((o) => {
      o._document !== null && (t.push(o._document), r.push(this._userDataWriter.convertObjectMap(o._document.data.value.mapValue.fields, "previous")), s.push(o.ref.path));
    })), e.bundle = (this._firestore, this.query._query, e.bundleName, "NOT SUPPORTED"), e;
  }
}
function kE(n) {
  switch (n) {
    case 0:
      return "added";
    case 2:
    case 3:
      return "modified";
    case 1:
      return "removed";
    default:
      return F(61501, {
        type: n
      });
  }
}
sn._jsonSchemaVersion = "firestore/querySnapshot/1.0", sn._jsonSchema = {
  type: ie("string", sn._jsonSchemaVersion),
  bundleSource: ie("string", "QuerySnapshot"),
  bundleName: ie("string"),
  bundle: ie("string")
};
function KE(n) {
  n = en(n, oe);
  const e = en(n.firestore, ds), t = bh(e);
  return pE(t, n._key).then(((r) => xh(e, n, r)));
}
function QE(n, ...e) {
  n = ae(n);
  let t = {
    includeMetadataChanges: !1,
    source: "default"
  }, r = 0;
  typeof e[r] != "object" || pu(e[r]) || (t = e[r++]);
  const s = {
    includeMetadataChanges: t.includeMetadataChanges,
    source: t.source
  };
  if (pu(e[r])) {
    const d = e[r];
    e[r] = d.next?.bind(d), e[r + 1] = d.error?.bind(d), e[r + 2] = d.complete?.bind(d);
  }
  let o, a, u;
  if (n instanceof oe) a = en(n.firestore, ds), u = vs(n._key.path), o = {
    next: (d) => {
      e[r] && e[r](xh(a, n, d));
    },
    error: e[r + 1],
    complete: e[r + 2]
  };
  else {
    const d = en(n, vt);
    a = en(d.firestore, ds), u = d._query;
    const p = new Oh(a);
    o = {
      next: (I) => {
        e[r] && e[r](new sn(a, p, d, I));
      },
      error: e[r + 1],
      complete: e[r + 2]
    }, bE(n._query);
  }
  const h = bh(a);
  return fE(h, u, s, o);
}
function xh(n, e, t) {
  const r = t.docs.get(e._key), s = new Oh(n);
  return new Lt(n, s, e._key, r, new Wn(t.hasPendingWrites, t.fromCache), e.converter);
}
(function(e, t = !0) {
  Vg(mn), on(new xt("firestore", ((r, { instanceIdentifier: s, options: o }) => {
    const a = r.getProvider("app").getImmediate(), u = new ds(new Og(r.getProvider("auth-internal")), new xg(a, r.getProvider("app-check-internal")), n_(a, s), a);
    return o = {
      useFetchStreams: t,
      ...o
    }, u._setSettings(o), u;
  }), "PUBLIC").setMultipleInstances(!0)), ft(du, fu, e), // BUILD_TARGET will be replaced by values like esm, cjs, etc during the compilation
  ft(du, fu, "esm2020");
})();
export {
  FE as RecaptchaVerifier,
  jE as collection,
  NE as confirmPasswordReset,
  $p as connectAuthEmulator,
  _E as connectFirestoreEmulator,
  OE as createUserWithEmailAndPassword,
  $E as doc,
  BE as getAuth,
  KE as getDoc,
  HE as getFirestore,
  Hf as initializeApp,
  GE as limit,
  ME as onAuthStateChanged,
  QE as onSnapshot,
  WE as orderBy,
  zE as query,
  VE as sendPasswordResetEmail,
  LE as signInWithEmailAndPassword,
  UE as signInWithPhoneNumber,
  xE as signOut,
  DE as verifyPasswordResetCode
};
