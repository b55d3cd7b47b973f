/* Swedish for the date picker (Dash's DatePickerRange formats with date-fns and looks for
   locales in window.dateFns.locale). Written for koll from the Swedish calendar words, so the
   dashboard needs no download; only what the picker shows is here (months, weekdays, the
   yyyy-MM-dd date). When the page is in English (<html lang="en">) no locale is offered and the
   picker falls back to its own English. */
(function () {
  var months = {
    narrow: ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
    abbreviated: ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.",
      "okt.", "nov.", "dec."],
    wide: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
      "september", "oktober", "november", "december"]
  };
  var days = {
    narrow: ["S", "M", "T", "O", "T", "F", "L"],
    short: ["sö", "må", "ti", "on", "to", "fr", "lö"],
    abbreviated: ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
    wide: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"]
  };
  function pick(table, index, options) {
    var width = (options && options.width) || "wide";
    return (table[width] || table.wide)[index];
  }
  function pattern(p) { return function () { return p; }; }
  var sv = {
    code: "sv",
    formatDistance: function (token, count) { return String(count); },
    formatRelative: function () { return "P"; },
    formatLong: {
      date: pattern("yyyy-MM-dd"),
      time: pattern("HH:mm"),
      dateTime: pattern("{{date}} {{time}}")
    },
    localize: {
      ordinalNumber: function (n) { return String(n) + ":e"; },
      era: function (i) { return ["f.Kr.", "e.Kr."][i]; },
      quarter: function (q) { return String(q) + ":a kvartalet"; },
      month: function (m, o) { return pick(months, m, o); },
      day: function (d, o) { return pick(days, d, o); },
      dayPeriod: function (p) { return { am: "fm", pm: "em" }[p] || p; }
    },
    match: {},
    options: { weekStartsOn: 1, firstWeekContainsDate: 4 }
  };
  window.dateFns = window.dateFns || {};
  Object.defineProperty(window.dateFns, "locale", {
    configurable: true,
    get: function () {
      return document.documentElement.lang === "en" ? {} : { sv: sv };
    }
  });
})();
