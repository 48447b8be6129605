// The desk page: pairs once, then shows the kiosk's status every second and sends the staff actions.
// Same-origin only; the token lives in an HttpOnly cookie the script never sees.
"use strict";

const STRINGS = {
  ja: {
    title: "キオスク リモート", other: "English",
    pair_title: "この端末をペアリング",
    pair_hint: "キオスクのスタッフメニューで「受付からの操作」→「端末を追加」を押し、表示された6桁のコードを入力してください。",
    code: "コード（6桁）", name: "この端末の名前（例：受付PC）", pair_button: "ペアリングする",
    now_showing: "いま表示中", lesson: "レッスン", language: "言語", content: "内容の更新",
    attract: "待ち受け画面", slide: "説明 {n} / {total}", question: "クイズ {n} / {total}",
    review: "クイズ {n} / {total}（説明を見直し中）", result: "結果画面",
    problems_screen: "内容に問題があるため、レッスンを表示できません",
    idle: "最後のタッチから {s} 秒", idle_attract: "来院者の操作を待っています",
    paused: "待ち受け画面を表示中（タッチしても始まりません）：あと {m} 分",
    problems: "前回の再読み込みで見つかった問題（表示中の内容はそのままです）：",
    offline: "キオスクに接続できません。再接続しています…",
    offline_age: "キオスクが応答していません（最後の応答は {s} 秒前）。再接続しています…",
    start_over: "最初からやり直す", reload: "内容を再読み込み", pause_for: "待ち受け画面を表示する（清掃など）",
    pause: "{m} 分間 表示する", resume: "待ち受け表示を解除", this_device: "この端末：",
    forget: "この端末のペアリングを解除", rename_label: "名前を変える", rename: "変更",
    done_rename: "名前を「{name}」にしました。", bad_name: "名前を入れてください。",
    done_start_over: "最初の画面に戻しました。", done_reload: "内容を再読み込みしました。",
    failed_reload: "内容に問題があるため、今の内容のままです。", done_pause: "待ち受け画面を {m} 分間表示します。",
    done_resume: "待ち受け表示を解除しました。", done_forget: "この端末のペアリングを解除しました。",
    paired: "ペアリングしました。", wrong_code: "コードが違います。キオスクの画面を確認してください。",
    pairing_closed: "キオスクでペアリング画面を開いてから、表示されたコードを入力してください。",
    too_many: "失敗が続いたため、しばらく待ってからもう一度お試しください。",
    not_paired: "この端末はペアリングされていません。", wrong_token: "この端末のペアリングは解除されています。",
    error: "うまくいきませんでした（{e}）。", confirm_forget: "この端末のペアリングを解除しますか？",
  },
  en: {
    title: "Kiosk remote", other: "日本語",
    pair_title: "Pair this device",
    pair_hint: "On the kiosk, open the staff menu, choose “Front desk remote”, then “Add a device”, and type the six-digit code it shows.",
    code: "Code (6 digits)", name: "A name for this device (e.g. Reception PC)", pair_button: "Pair",
    now_showing: "Now showing", lesson: "Lesson", language: "Language", content: "Content loaded",
    attract: "Attract screen", slide: "Slide {n} of {total}", question: "Question {n} of {total}",
    review: "Question {n} of {total} (reviewing a slide)", result: "Result screen",
    problems_screen: "The content has problems: no lesson can be shown",
    idle: "{s} s since the last touch", idle_attract: "Waiting for a patient",
    paused: "Attract screen held (touches start nothing): {m} min left",
    problems: "Problems found by the last reload (the content shown is unchanged):",
    offline: "Cannot reach the kiosk. Trying again…",
    offline_age: "The kiosk is not answering (last answer {s} s ago). Trying again…",
    start_over: "Start over now", reload: "Reload content", pause_for: "Hold the attract screen (e.g. cleaning)",
    pause: "Hold for {m} min", resume: "Lift the hold", this_device: "This device: ",
    forget: "Unpair this device", rename_label: "Rename this device", rename: "Rename",
    done_rename: "This device is now “{name}”.", bad_name: "Please type a name.",
    done_start_over: "The kiosk is back at its start.", done_reload: "Content reloaded.",
    failed_reload: "The content has problems; the current content stays.", done_pause: "Attract screen held for {m} min.",
    done_resume: "Hold lifted.", done_forget: "This device is no longer paired.",
    paired: "Paired.", wrong_code: "Wrong code. Check the code on the kiosk.",
    pairing_closed: "Open pairing on the kiosk first, then type the code it shows.",
    too_many: "Too many wrong tries. Please wait a while and try again.",
    not_paired: "This device is not paired.", wrong_token: "This device is no longer paired.",
    error: "That did not work ({e}).", confirm_forget: "Unpair this device?",
  },
};

let lang = (localStorage.getItem("lang") || (navigator.language || "ja")).startsWith("en") ? "en" : "ja";
let last = null;
let timer = 0;
const $ = (id) => document.getElementById(id);
const t = (key, values = {}) =>
  (STRINGS[lang][key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  $("lang").textContent = t("other");
  $("pause").textContent = t("pause", { m: $("minutes").value });
  if (last) showStatus(last);
}

function say(text, isError = false) {
  const box = $("message");
  box.textContent = text;
  box.classList.toggle("error", isError);
  box.hidden = !text;
}

let answeredAt = 0;  // when the kiosk last answered: its age is shown once it stops

function showStatus(status) {
  last = status;
  answeredAt = Date.now();
  $("pair").hidden = true;
  $("desk").hidden = false;
  $("offline").hidden = true;
  const screen = status.screen === "problems" ? "problems_screen" : status.screen;
  $("screen").textContent = t(screen, { n: status.position, total: status.total });
  $("idle").textContent = status.in_visit ? t("idle", { s: status.idle_seconds }) : t("idle_attract");
  $("idle").hidden = status.paused || status.screen === "problems";
  $("paused").hidden = !status.paused;
  $("paused").textContent = t("paused", { m: Math.ceil(status.pause_seconds_left / 60) });
  $("resume").hidden = !status.paused;
  $("lesson").textContent = status.lesson;
  $("language").textContent = status.language_name;
  $("loaded").textContent = new Date(status.content.loaded_at * 1000).toLocaleString(lang === "ja" ? "ja-JP" : "en-GB");
  const problems = $("problems");
  problems.replaceChildren();
  if (status.content.problems.length) {
    const head = document.createElement("li");
    head.textContent = t("problems");
    problems.append(head);
    for (const text of status.content.problems) {
      const item = document.createElement("li");
      item.textContent = text;
      problems.append(item);
    }
  }
  problems.hidden = !status.content.problems.length;
  $("device").textContent = status.device;
}

function showPairing() {
  last = null;
  $("desk").hidden = true;
  $("pair").hidden = false;
}

const STATUS_TIMEOUT_MS = 4000;  // with the 1 s poll: "cannot reach the kiosk" within about 5 s of a freeze

function within(ms) {
  if (window.AbortSignal && AbortSignal.timeout) return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

async function poll() {
  clearTimeout(timer);
  try {
    // A frozen kiosk accepts the connection and never answers: without a time limit this request (and the
    // page's polling with it) would wait for ever while the page still looked healthy.
    const reply = await fetch("/api/status", { credentials: "same-origin", cache: "no-store", signal: within(STATUS_TIMEOUT_MS) });
    const data = await reply.json();
    if (reply.ok) showStatus(data);
    else if (reply.status === 401) showPairing();
    else if (reply.status === 429) say(t("too_many"), true);
  } catch (error) {
    if (last) {
      $("offline").textContent = t("offline_age", { s: Math.round((Date.now() - answeredAt) / 1000) });
      $("offline").hidden = false;
    }
  }
  timer = setTimeout(poll, 1000);
}

async function post(path, body = {}) {
  const reply = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json", "X-Kiosk-Remote": "1" },
    body: JSON.stringify(body),
  });
  let data = {};
  try { data = await reply.json(); } catch (error) { data = { error: String(reply.status) }; }
  return { ok: reply.ok, status: reply.status, data };
}

async function act(button, path, body, done) {
  for (const b of document.querySelectorAll("button")) b.disabled = true;
  try {
    const { ok, data } = await post(path, body);
    if (ok) say(done(data));
    else say(STRINGS[lang][data.error] ? t(data.error) : t("error", { e: data.error }), true);
  } catch (error) {
    say(t("error", { e: error.message }), true);
  } finally {
    for (const b of document.querySelectorAll("button")) b.disabled = false;
    poll();
  }
}

function init() {
  applyLanguage();
  $("lang").addEventListener("click", () => {
    lang = lang === "ja" ? "en" : "ja";
    localStorage.setItem("lang", lang);
    applyLanguage();
  });
  $("minutes").addEventListener("change", () => { $("pause").textContent = t("pause", { m: $("minutes").value }); });
  $("pair-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { code: $("code").value.trim(), name: $("name").value.trim() };
    act(event.submitter, "/api/pair", body, () => { $("code").value = ""; return t("paired"); });
  });
  $("start-over").addEventListener("click", (e) => act(e.target, "/api/start-over", {}, () => t("done_start_over")));
  $("reload").addEventListener("click", (e) =>
    act(e.target, "/api/reload", {}, (data) => (data.reloaded ? t("done_reload") : t("failed_reload"))));
  $("pause").addEventListener("click", (e) => {
    const minutes = Number($("minutes").value);
    act(e.target, "/api/pause", { minutes }, () => t("done_pause", { m: minutes }));
  });
  $("resume").addEventListener("click", (e) => act(e.target, "/api/resume", {}, () => t("done_resume")));
  $("rename-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(event.submitter, "/api/rename", { name: $("new-name").value.trim() }, (data) => {
      $("new-name").value = "";
      return t("done_rename", { name: data.device });
    });
  });
  $("forget").addEventListener("click", (e) => {
    if (confirm(t("confirm_forget"))) act(e.target, "/api/forget", {}, () => t("done_forget"));
  });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
  poll();
}

document.addEventListener("DOMContentLoaded", init);
