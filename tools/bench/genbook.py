#!/usr/bin/env python3
"""Generate a large acct book for `make bench`, deterministically.

    genbook.py [--clients N] [--entries N] [--nps N] [--pull N] [--seed S]
               [--check ACCT] DIR

One git commit per record, as acct makes them (client add, brief, log,
nps, metric), fed to `git fast-import` as one stream: no acct process per
record, so the 100k book takes a minute or two rather than hours. The files
are byte for byte what acct writes (DESIGN.md "The book: files on disk"):
cards as `acct client add` and `client contact add` leave them, entries
with acct's front matter and action items with their `<!-- id:... -->`,
NPS answers, briefs, metric files, `.acct/config.yaml` as `acct init`
writes it, and acct's commit messages (`log <slug>: <summary>`, the
`Acct-Command:` trailer).

The book lies between 2024-01 and 2026-10; "today" for the bench is
2026-11-02 (TODAY below), so that its output never changes with the day.
Every date and every choice comes from one seeded random generator: the
same arguments give the same commits, the same HEAD.

--pull N also makes a branch `bench-pull`: N more entries on top of the
book (dated 2026-11-01 and 02), for the "first command after git pull"
measure. --check ACCT runs acct's reading commands on the result and
fails if any writes to stderr, then git fsck and git status.

The book is made in DIR.tmp and renamed to DIR when whole.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
import unicodedata

TODAY = "2026-11-02"
NOW = "2026-11-02T09:00+00:00"
START = dt.date(2024, 1, 8)
END = dt.date(2026, 10, 31)        # the last day of the book (not of the pull)
PERIOD = "2026-10"                 # the month the report measure reads

# --- slugs, as lib/slug.c makes them ------------------------------------

TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m",
     "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
     "ie", "y", "", "e", "iu", "ia"]))


def words(text):
    """The '-'-joined ASCII words of text (lib/slug.c, for our names)."""
    out, cur = [], []
    for ch in unicodedata.normalize("NFC", text).lower():
        if ch in TRANSLIT:
            cur.append(TRANSLIT[ch])
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalnum():
            cur.append(base)
        else:
            if cur and "".join(cur):
                out.append("".join(cur))
            cur = []
    if cur and "".join(cur):
        out.append("".join(cur))
    return "-".join(out)


def cut_words(s, limit):
    if len(s) <= limit:
        return s
    p = s.rfind("-", 0, limit + 1)
    return s[:p] if p > 0 else s[:limit]


def slug_of(name):
    return cut_words(words(name), 64)


def name_words(summary):
    """The <words> of an entry's file name (lib/log.c: 5 words, 48 bytes)."""
    w = words(summary).split("-")[:5]
    return cut_words("-".join(w), 48) or "entry"


def subject(command, slug, summary):
    """acct_commit_subject() of lib/commit.c: at most 72 columns."""
    out = "%s %s: " % (command, slug)
    cols = len(out)
    for i, ch in enumerate(summary):
        if cols + 1 > 72 and i + 1 < len(summary):
            out += "..."
            break
        out += " " if ord(ch) < 0x20 or ord(ch) == 0x7f else ch
        cols += 1
    return out


# --- the people and the words -------------------------------------------

# The agency's people: first names and surnames, combined.
FIRST_EN = ["Anna", "Boris", "Clara", "David", "Elena", "Felix", "Grace",
            "Hugo", "Irina", "James", "Kira", "Leo", "Maria", "Nikolai"]
LAST_EN = ["Petrova", "Ivanov", "Novak", "Chen", "Wagner", "Liu", "Martin",
           "Carter", "Fischer", "Dubois", "Taylor", "Hale"]
FIRST_RU = ["Алексей", "Мария", "Дмитрий", "Елена", "Сергей", "Ольга",
            "Андрей", "Наталья", "Павел", "Татьяна", "Игорь", "Юлия"]
LAST_RU = ["Смирнов", "Кузнецов", "Попов", "Васильев", "Новиков", "Морозов",
           "Волков", "Соколов", "Лебедев", "Козлов", "Егоров"]

EN_WORDS = [
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
    "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Wonka",
    "Gringotts", "Oceanic", "Monarch", "Pied", "Blue", "Red", "Green",
    "Silver", "Golden", "Bright", "Swift", "Polar", "Summit", "Harbor",
    "Maple", "Cedar", "Aurora", "Nova", "Vertex", "Quantum", "Atlas",
]
EN_TAILS = [
    "Robotics", "Trading", "Foods", "Logistics", "Dental", "Realty",
    "Fitness", "Travel", "Motors", "Apparel", "Coffee", "Labs", "Studio",
    "Pharmacy", "Furniture", "Academy", "Hotels", "Bikes", "Games",
    "Insurance", "Bakery", "Clinic", "Outdoors", "Jewelry",
]
RU_WORDS = [
    "Ромашка", "Вектор", "Берёзка", "Снежинка", "Ласточка", "Огонёк",
    "Радуга", "Звезда", "Кедр", "Меридиан", "Орбита", "Сфера", "Восход",
    "Гранит", "Янтарь", "Альфа", "Байкал", "Волна", "Жемчуг", "Мозаика",
    "Пульс", "Север", "Титан", "Уют", "Фрегат", "Чайка", "Эверест",
]
RU_TAILS = [
    "Плюс", "Групп", "Трейд", "Строй", "Мебель", "Авто", "Фарм", "Тур",
    "Медиа", "Дом", "Маркет", "Лаб", "Фуд", "Клиник", "Спорт", "Девелопмент",
]
RU_FORMS = ["ООО «%s»", "%s", "АО «%s»", "%s"]

CONTACTS_EN = ["John Smith", "Emma Brown", "Oliver Jones", "Sophia Miller",
               "Liam Davis", "Mia Wilson", "Noah Moore", "Ava Clark"]
CONTACTS_RU = ["Иван Иванов", "Пётр Сидоров", "Анна Кузнецова",
               "Екатерина Орлова", "Михаил Федоров", "Светлана Белова",
               "Николай Зайцев", "Ксения Павлова"]
ROLES_EN = ["marketing director", "CEO", "brand manager", "head of sales"]
ROLES_RU = ["директор по маркетингу", "генеральный директор",
            "бренд-менеджер", "руководитель отдела продаж"]
SERVICES = ["seo", "context", "smm", "web", "mobile", "target"]
TAGS = ["key", "retail", "b2b", "ecommerce", "real-estate", "medicine",
        "auto", "horeca", "education", "tourism"]
TIMEZONES_RU = ["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk",
                "Europe/Samara"]
TIMEZONES_EN = ["Europe/London", "Europe/Berlin", "America/New_York"]

# (channel, direction, kind, share): what an account manager's log holds.
SHAPES = [
    ("chat", "out", "message", 24),
    ("email", "out", "message", 16),
    ("call", "out", "postmeet", 16),
    ("meeting", "out", "postmeet", 7),
    ("email", "out", "report", 8),
    ("meeting", "out", "review", 2),
    ("chat", "in", "request", 10),
    ("email", "in", "request", 5),
    ("call", "in", "complaint", 3),
    ("chat", "in", "praise", 3),
    ("other", None, "note", 6),
]

SUMMARIES = {
    "en": {
        "message": ["Sent the weekly plan", "Checked in on the launch",
                    "Shared the new creatives", "Asked for the price list",
                    "Confirmed the budget in writing",
                    "Sent the access request", "Followed up on the invoice",
                    "Reminded about the materials"],
        "postmeet": ["Agreed the Q4 budget", "Sync call on the campaigns",
                     "Discussed the new landing page",
                     "Planned the spring campaign",
                     "Went through the search ads", "Kick-off meeting",
                     "Reviewed the content plan"],
        "report": ["Weekly summary", "Monthly report sent",
                   "Weekly report with the leads"],
        "review": ["Quarterly review", "Quarterly review with the board"],
        "request": ["Asked to pause the display ads",
                    "Wants a new banner set", "Asked about the traffic drop",
                    "Needs a price update on the site"],
        "complaint": ["Unhappy with the lead quality",
                      "Complained about slow replies"],
        "praise": ["Liked the new creatives", "Thanked us for the results"],
        "note": ["Budget approval expected next week",
                 "New marketing director joins", "Competitor cut prices"],
    },
    "ru": {
        "message": ["Отправили план на неделю", "Уточнили статус запуска",
                    "Прислали новые креативы", "Запросили прайс",
                    "Подтвердили бюджет письмом", "Запросили доступы",
                    "Напомнили про счёт", "Напомнили про материалы"],
        "postmeet": ["Согласовали бюджет на квартал",
                     "Созвон по кампаниям", "Обсудили новый лендинг",
                     "Спланировали весеннюю кампанию",
                     "Разобрали поисковую рекламу", "Установочная встреча",
                     "Обсудили контент-план"],
        "report": ["Итоги недели", "Отправили отчёт за месяц",
                   "Недельный отчёт по заявкам"],
        "review": ["Квартальный обзор", "Квартальный обзор с руководством"],
        "request": ["Просят остановить медийную рекламу",
                    "Нужен новый набор баннеров",
                    "Спрашивают про падение трафика",
                    "Нужно обновить цены на сайте"],
        "complaint": ["Недовольны качеством заявок",
                      "Жалоба на долгие ответы"],
        "praise": ["Понравились новые креативы", "Благодарят за результаты"],
        "note": ["Бюджет утвердят на следующей неделе",
                 "Пришёл новый директор по маркетингу",
                 "Конкурент снизил цены"],
    },
}

BODY = {
    "en": ["The client is happy with the pace so far.",
           "They want to see the numbers by Friday.",
           "Search ads are doing better than display.",
           "The new landing page converts at about three percent.",
           "Their sales team will call every lead within an hour.",
           "Seasonality will hit in December, plan for it."],
    "ru": ["Клиент доволен темпом работы.",
           "Цифры хотят видеть к пятнице.",
           "Поиск работает лучше, чем медийка.",
           "Новый лендинг конвертирует около трёх процентов.",
           "Отдел продаж перезванивает по каждой заявке в течение часа.",
           "В декабре будет сезонный спад, это надо учесть."],
}
DECISIONS = {
    "en": ["Raise bids by 15% in search ads", "Pause the display campaign",
           "Move budget to the retargeting", "Launch the new banners on Monday",
           "Switch the weekly report to Thursdays"],
    "ru": ["Поднять ставки в поиске на 15%", "Остановить медийную кампанию",
           "Перенести бюджет в ретаргетинг",
           "Запустить новые баннеры в понедельник",
           "Присылать недельный отчёт по четвергам"],
}
ACTIONS = {
    "en": ["Send the media plan", "Prepare the new creatives",
           "Update the price feed", "Set up the call tracking",
           "Share the access to Metrica", "Draft the content plan",
           "Check the conversion goals"],
    "ru": ["Прислать медиаплан", "Подготовить новые креативы",
           "Обновить товарный фид", "Настроить коллтрекинг",
           "Выдать доступ к Метрике", "Подготовить контент-план",
           "Проверить цели конверсии"],
}
NPS_COMMENTS = {
    "en": ["Good work", "Fast replies, clear reports",
           "Results could be better", "Too slow this month",
           "Great team", "Reports are hard to read"],
    "ru": ["Хорошая работа", "Быстро отвечают и понятные отчёты",
           "Результаты могли быть лучше", "В этом месяце медленно",
           "Отличная команда", "Отчёты сложно читать"],
}
BRIEF_EN = [
    ("Brand and positioning", "A family brand, friendly and honest."),
    ("Category", "Consumer goods sold online and in ten stores."),
    ("Audience", "Families with children, 25-45, in large cities."),
    ("Competitors", "Two national chains and many small shops."),
    ("Key advantages", "Same-day delivery and a long warranty."),
    ("Why the project exists", "Online sales fell last year."),
    ("Business goals", "Grow online sales by 25% this year."),
    ("Marketing goals", "Double the leads from search."),
    ("Project goals", "Search ads and SEO bring 500 leads a month."),
    ("KPIs", "CPL <= 900 RUB"),
    ("Budget", "150,000 RUB a month for ads, the fee apart."),
    ("Deadlines", "Launch in two weeks, first report after a month."),
]
BRIEF_RU = [
    ("Бренд и позиционирование", "Семейный бренд, дружелюбный и честный."),
    ("Категория", "Товары для дома, онлайн и десять магазинов."),
    ("Целевая аудитория", "Семьи с детьми, 25-45 лет, крупные города."),
    ("Конкуренты", "Две федеральные сети и много мелких магазинов."),
    ("Ключевые преимущества", "Доставка в день заказа и долгая гарантия."),
    ("Зачем нужен проект", "Онлайн-продажи упали в прошлом году."),
    ("Бизнес-цели", "Рост онлайн-продаж на 25% за год."),
    ("Маркетинговые цели", "Вдвое больше заявок из поиска."),
    ("Цели проекта", "Поиск и SEO приносят 500 заявок в месяц."),
    ("KPI", "CPL <= 900 RUB"),
    ("Бюджет", "150 000 рублей в месяц на рекламу, без комиссии."),
    ("Сроки", "Запуск через две недели, первый отчёт через месяц."),
]
MATERIALS_EN = ["Brand book, logos and photos",
                "Access to web analytics (Google Analytics, Yandex Metrica)",
                "Access to the ad accounts",
                "Price list and current offers"]
MATERIALS_RU = ["Брендбук, логотипы и фотографии",
                "Доступ к веб-аналитике (Google Analytics, Яндекс Метрика)",
                "Доступ к рекламным кабинетам",
                "Прайс-лист и текущие акции"]

CONFIG = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "..", "templates", "config.yaml"),
              encoding="utf-8").read()


# --- the records ---------------------------------------------------------

def iso(t):
    """An entry's date as acct writes it under TZ=UTC."""
    return t.strftime("%Y-%m-%dT%H:%M+00:00")


def epoch(t):
    return int(t.replace(tzinfo=dt.timezone.utc).timestamp())


def yaml_phone(s):
    return '"%s"' % s


def working_time(rng, day):
    """A moment in working hours on `day`, moved off the weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1 if day.weekday() == 6 else 2)
    return dt.datetime(day.year, day.month, day.day,
                       rng.randint(8, 19), rng.randint(0, 59))


class Client:
    pass


def make_clients(rng, n):
    # About ten clients a manager: as many managers as that takes.
    nman = max(1, (n + 9) // 10)
    managers, taken = [], set()
    while len(managers) < nman:
        if rng.random() < 0.5:
            first, last = rng.choice(FIRST_RU), rng.choice(LAST_RU)
            if first[-1] == "а" or first[-1] == "я":
                last += "а"
        else:
            first, last = rng.choice(FIRST_EN), rng.choice(LAST_EN)
        name = first + " " + last
        if name in taken:
            continue
        taken.add(name)
        owner = words(first)
        managers.append({"name": name, "email": "%s.%s@agency.example" %
                         (owner, words(last)), "owner": owner})
    clients, seen = [], set()
    span = (dt.date(2026, 9, 1) - START).days
    for i in range(n):
        c = Client()
        c.locale = "ru" if rng.random() < 0.55 else "en"
        for attempt in range(1000):
            if c.locale == "ru":
                base = rng.choice(RU_WORDS)
                if rng.random() < 0.6:
                    base += " " + rng.choice(RU_TAILS)
                name = rng.choice(RU_FORMS) % base
            else:
                name = rng.choice(EN_WORDS) + " " + rng.choice(EN_TAILS)
            if attempt > 20:
                name += " %d" % (attempt - 19)
            slug = slug_of(name)
            if slug not in seen:
                break
        seen.add(slug)
        c.name, c.slug = name, slug
        c.manager = managers[i % nman] if rng.random() < 0.9 else \
            managers[rng.randrange(nman)]
        # Most clients started early; a few are new.
        off = int(span * (rng.random() ** 2.2))
        c.since = START + dt.timedelta(days=off)
        r = rng.random()
        c.status = ("active" if r < 0.82 else "paused" if r < 0.90 else
                    "lead" if r < 0.95 else "churned")
        c.archived = (min(END, c.since + dt.timedelta(days=rng.randint(60, 600)))
                      if c.status == "churned" and rng.random() < 0.5 else None)
        clients.append(c)
    return clients, managers


def card(rng, c):
    ru = c.locale == "ru"
    lines = ["name: %s" % c.name, "status: %s" % c.status,
             "since: %s" % c.since.isoformat(),
             "manager: %s <%s>" % (c.manager["name"], c.manager["email"])]
    svc = rng.sample(SERVICES, rng.randint(1, 3))
    lines.append("services: [%s]" % ", ".join(svc))
    dom = c.slug[:20].strip("-") + (".ru" if ru else ".example")
    if rng.random() < 0.7:
        lines.append("email: info@%s" % dom)
    if rng.random() < 0.5:
        lines.append("phone: %s" % yaml_phone(
            "+7 9%02d %03d-%02d-%02d" % (rng.randrange(100), rng.randrange(1000),
                                         rng.randrange(100), rng.randrange(100))
            if ru else "+44 20 %04d %04d" % (rng.randrange(10000),
                                             rng.randrange(10000))))
    if ru and rng.random() < 0.6:
        lines.append('telegram: "@%s"' % c.slug.replace("-", "_")[:30])
    ncont = rng.choice([0, 1, 1, 2])
    if ncont:
        lines.append("contacts:")
        names = rng.sample(CONTACTS_RU if ru else CONTACTS_EN, ncont)
        for k, who in enumerate(names):
            f = ["name: %s" % who,
                 "role: %s" % rng.choice(ROLES_RU if ru else ROLES_EN),
                 "email: %s@%s" % (words(who).split("-")[0], dom)]
            if rng.random() < 0.4:
                f.append("birthday: %d-%02d-%02d" % (rng.randint(1965, 1995),
                                                     rng.randint(1, 12),
                                                     rng.randint(1, 28)))
            if k == 0:
                f.append("primary: true")
            lines.append("  - {%s}" % ", ".join(f))
        c.contacts = names
    else:
        c.contacts = []
    if rng.random() < 0.7:
        lines.append("channels: {fast: %s, official: email}" %
                     ("telegram" if ru else rng.choice(["whatsapp", "slack"])))
    if ru or rng.random() < 0.2:
        lines.append("locale: %s" % c.locale)
    if rng.random() < 0.5:
        lines.append("timezone: %s" % rng.choice(TIMEZONES_RU if ru
                                                  else TIMEZONES_EN))
    if rng.random() < 0.3:
        lines.append("cadence: {contact: %s, call: %s}" %
                     (rng.choice(["2wd", "3wd", "5wd"]),
                      rng.choice(["7d", "14d", "1m"])))
    cur = "RUB" if ru else rng.choice(["EUR", "USD", "GBP"])
    if rng.random() < 0.8:
        lines.append("budget: {amount: %d, currency: %s, period: month}" %
                     (rng.randint(5, 60) * 10000 // (1 if ru else 80), cur))
    if rng.random() < 0.7:
        fl = rng.choice([None, 20, 30])
        lines.append("fee: {amount: %d, currency: %s, period: month%s}" %
                     (rng.randint(3, 20) * 10000 // (1 if ru else 80), cur,
                      ", floating: %d" % fl if fl else ""))
    if rng.random() < 0.5:
        lines.append("goals: {business: %s, kpi: [CPL <= %d %s]}" %
                     ("Рост продаж на 25%" if ru else "Grow sales by 25%",
                      rng.randint(3, 20) * 100, cur))
    if rng.random() < 0.4:
        lines.append("tags: [%s]" % ", ".join(rng.sample(TAGS, rng.randint(1, 2))))
    if c.archived:
        lines.append("archived: %s" % c.archived.isoformat())
    return "\n".join(lines) + "\n"


def brief(rng, c):
    ru = c.locale == "ru"
    secs, mats = (BRIEF_RU, MATERIALS_RU) if ru else (BRIEF_EN, MATERIALS_EN)
    out = ["# Бриф" if ru else "# Brief", ""]
    for title, text in secs:
        out += ["## " + title, ""]
        if rng.random() < 0.8:
            out += [text, ""]
    out += ["## Материалы и доступы" if ru else "## Materials and accesses", ""]
    for m in mats:
        out.append("- [%s] %s" % ("x" if rng.random() < 0.6 else " ", m))
    return "\n".join(out) + "\n"


class Ids:
    """Action ids: 7 hex digits of a SHA-1, unique in the book."""

    def __init__(self):
        self.seen = set()

    def new(self, *parts):
        salt = 0
        while True:
            h = hashlib.sha1(("\0".join(parts) + "\0%d" % salt)
                             .encode()).hexdigest()[:7]
            if h not in self.seen:
                self.seen.add(h)
                return h
            salt += 1


def entry(rng, c, t, ids, paths, managers):
    """(path, text, summary, author) of one log entry of client c at t."""
    loc = c.locale
    r = rng.uniform(0, sum(s[3] for s in SHAPES))
    for channel, direction, kind, share in SHAPES:
        r -= share
        if r <= 0:
            break
    summary = rng.choice(SUMMARIES[loc][kind])
    by = c.manager["name"] if rng.random() < 0.85 else \
        rng.choice(managers)["name"]
    head = ["---", "date: %s" % iso(t), "channel: %s" % channel]
    if direction:
        head.append("direction: %s" % direction)
    head += ["kind: %s" % kind, "summary: %s" % summary, "by: %s" % by, "---"]
    body = []
    if kind != "message" or rng.random() < 0.3:
        body.append(" ".join(rng.sample(BODY[loc], rng.randint(1, 2))))
    if kind in ("postmeet", "review"):
        body += ["", "## Решения" if loc == "ru" else "## Decisions"]
        body += ["- " + d for d in rng.sample(DECISIONS[loc], rng.randint(1, 2))]
    path = None
    stamp = t.strftime("%Y-%m-%dT%H%M")
    base = "clients/%s/log/%d/%s-%s" % (c.slug, t.year, stamp,
                                        name_words(summary))
    path = base + ".md"
    n = 2
    while path in paths:
        path = "%s-%d.md" % (base, n)
        n += 1
    paths.add(path)
    if kind in ("postmeet", "review", "request") and rng.random() < 0.8:
        body += ["", "## Задачи" if loc == "ru" else "## Actions"]
        age = (dt.date(2026, 11, 2) - t.date()).days
        for a in rng.sample(ACTIONS[loc], rng.randint(1, 3)):
            owner = rng.choice([c.manager["owner"], "client"])
            due = t.date() + dt.timedelta(days=rng.randint(2, 21))
            # Old items are done; of the last two months' some are open.
            done = rng.random() < (0.97 if age > 60 else 0.5)
            text = "%s @%s" % (a, owner)
            if rng.random() < 0.8:
                text += " due:%s" % due.isoformat()
            i = ids.new(iso(t), by, path, text)
            body.append("- [%s] %s <!-- id:%s -->" % ("x" if done else " ",
                                                       text, i))
    text = "\n".join(head) + "\n" + ("\n".join(body) + "\n" if body else "")
    return path, text, summary, by


def nps_answer(rng, c, d, names):
    ru = c.locale == "ru"
    anon = not c.contacts or rng.random() < 0.25
    score = rng.choice([10, 10, 9, 9, 9, 8, 8, 7, 7, 6, 5, 3])
    lines = ["date: %s" % d.isoformat()]
    if anon:
        k = 1
        while "%s-anonymous-%d" % (d.isoformat(), k) in names:
            k += 1
        name = "%s-anonymous-%d" % (d.isoformat(), k)
        who = None
    else:
        who = rng.choice(c.contacts)
        base = "%s-%s" % (d.isoformat(), words(who))
        name, k = base, 2
        while name in names:
            name = "%s-%d" % (base, k)
            k += 1
        lines.append("respondent: %s" % who)
        if rng.random() < 0.5:
            lines.append("role: %s" % rng.choice(ROLES_RU if ru else ROLES_EN))
    names.add(name)
    lines.append("score: %d" % score)
    if rng.random() < 0.3:
        lines.append("csat: %d" % rng.randint(3, 5))
    if rng.random() < 0.5:
        lines.append('survey: "%d-Q%d"' % (d.year, (d.month - 1) // 3 + 1))
    if rng.random() < 0.6:
        lines.append("comment: %s" % rng.choice(NPS_COMMENTS[c.locale]))
    path = "clients/%s/nps/%d/%s.yaml" % (c.slug, d.year, name)
    subj = "%d from %s" % (score, who if who else "an anonymous respondent")
    return path, "\n".join(lines) + "\n", subj


def metric_file(rng, c, month):
    spend = "%d.%02d" % (rng.randint(20000, 300000), rng.randrange(100))
    clicks = int(float(spend)) // rng.randint(15, 60)
    leads = max(1, clicks // rng.randint(20, 80))
    text = ("period: %s\nsource: yandex-direct\ncurrency: RUB\nvalues:\n"
            "  spend: %s\n  clicks: %d\n  leads: %d\n" %
            (month, spend, clicks, leads))
    path = "clients/%s/metrics/%s/%s-yandex-direct.yaml" % (c.slug, month[:4],
                                                            month)
    summary = "%s yandex-direct: spend=%s, clicks=%d, leads=%d" % (
        month, spend, clicks, leads)
    return path, text, summary


def spread(rng, total, n, least):
    """total split into n skewed shares, each at least `least`."""
    w = [rng.lognormvariate(0, 0.7) for _ in range(n)]
    s = sum(w)
    free = total - least * n
    counts = [least + int(free * x / s) for x in w]
    for i in range(total - sum(counts)):
        counts[i % n] += 1
    return counts


def records(rng, nclients, nentries, nnps, npull):
    """Every record as (time, kind, client, ...), in commit order."""
    clients, managers = make_clients(rng, nclients)
    ev = []
    seq = 0
    for c in clients:
        # The card first: every other record of the client comes after.
        t = c.added = working_time(rng, c.since)
        ev.append((t, seq, "client", c)); seq += 1
        if rng.random() < 0.7:
            ev.append((t + dt.timedelta(days=rng.randint(1, 10), minutes=7),
                       seq, "brief", c)); seq += 1
        if rng.random() < 0.1:
            for m in range(5, 11):
                month = "2026-%02d" % m
                if dt.date(2026, m, 1) > c.since:
                    day = dt.date(2026, m + 1, 3) if m < 12 else dt.date(2027, 1, 3)
                    if day <= END:
                        ev.append((working_time(rng, day), seq, "metric", c,
                                   month)); seq += 1
    counts = spread(rng, nentries, nclients, 3)
    for c, k in zip(clients, counts):
        first = c.added.date()
        days = (END - first).days
        for _ in range(k):
            d = first + dt.timedelta(days=1 + int((days - 1) * rng.random() ** 0.8))
            t = working_time(rng, d)
            if t.date() > END:
                t = working_time(rng, END - dt.timedelta(days=2))
            ev.append((t, seq, "log", c)); seq += 1
    ncounts = spread(rng, nnps, nclients, 0) if nnps else [0] * nclients
    for c, k in zip(clients, ncounts):
        first = c.added.date()
        days = (END - first).days
        for _ in range(k):
            d = first + dt.timedelta(days=rng.randint(1, days))
            t = working_time(rng, d)
            if t.date() > END:
                t = working_time(rng, END - dt.timedelta(days=2))
            ev.append((t, seq, "nps", c)); seq += 1
    ev.sort(key=lambda e: (e[0], e[1]))
    pull = []
    for i in range(npull):
        c = rng.choice(clients)
        t = dt.datetime(2026, 11, 1, 0, 0) + dt.timedelta(
            minutes=int(i * (32 * 60 + 59) / max(1, npull)))
        pull.append((t, i, "log", c))
    return clients, managers, ev, pull


# --- the stream ----------------------------------------------------------

class Stream:
    def __init__(self, pipe):
        self.pipe = pipe
        self.commits = 0

    def data(self, b):
        self.pipe.write(b"data %d\n" % len(b))
        self.pipe.write(b)
        self.pipe.write(b"\n")

    def commit(self, ref, who, t, command, subj, files, frm=None):
        when = b"%d +0000" % epoch(t)
        ident = ("%s <%s>" % (who["name"], who["email"])).encode()
        self.pipe.write(b"commit " + ref.encode() + b"\n")
        self.pipe.write(b"author " + ident + b" " + when + b"\n")
        self.pipe.write(b"committer " + ident + b" " + when + b"\n")
        self.data(("%s\n\nAcct-Command: %s\n" % (subj, command)).encode())
        if frm:
            self.pipe.write(b"from " + frm.encode() + b"\n")
        for path, text in files:
            self.pipe.write(b"M 100644 inline " + path.encode() + b"\n")
            self.data(text.encode())
        self.pipe.write(b"\n")
        self.commits += 1


def generate(args, out):
    rng = random.Random(args.seed)
    clients, managers, ev, pull = records(rng, args.clients, args.entries,
                                          args.nps, args.pull)
    subprocess.run(["git", "init", "-q", "-b", "master", out], check=True)

    def cfg(*kv):
        subprocess.run(["git", "-C", out, "config"] + list(kv), check=True)
    cfg("user.name", managers[0]["name"])
    cfg("user.email", managers[0]["email"])
    cfg("merge.acct-card.name", "acct: client cards, field by field")
    cfg("merge.acct-card.driver", "acct merge-card %O %A %B %P")
    # No automatic gc in the middle of a measure (acct never runs one).
    cfg("gc.auto", "0")
    fi = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet",
                           "--done"], stdin=subprocess.PIPE)
    s = Stream(fi.stdin)
    first = ev[0][0] - dt.timedelta(days=1)
    s.commit("refs/heads/master", managers[0], first, "init",
             "init: create the book",
             [(".acct/config.yaml", CONFIG),
              (".gitattributes", "clients/*/client.yaml merge=acct-card\n")])
    ids, paths, nps_names = Ids(), set(), {}
    for e in ev:
        t, kind, c = e[0], e[2], e[3]
        # A record of a client before its card would be a book acct
        # never makes.
        assert kind == "client" or hasattr(c, "contacts"), (kind, c.slug)
        if kind == "client":
            s.commit("refs/heads/master", c.manager, t, "client add",
                     subject("client add", c.slug, c.name),
                     [("clients/%s/client.yaml" % c.slug, card(rng, c))])
        elif kind == "brief":
            s.commit("refs/heads/master", c.manager, t, "brief",
                     subject("brief", c.slug, "create"),
                     [("clients/%s/brief.md" % c.slug, brief(rng, c))])
        elif kind == "metric":
            path, text, summ = metric_file(rng, c, e[4])
            s.commit("refs/heads/master", c.manager, t, "metric",
                     subject("metric", c.slug, summ), [(path, text)])
        elif kind == "log":
            path, text, summ, by = entry(rng, c, t, ids, paths, managers)
            s.commit("refs/heads/master", c.manager, t, "log",
                     subject("log", c.slug, summ), [(path, text)])
        elif kind == "nps":
            names = nps_names.setdefault(c.slug, set())
            path, text, subj = nps_answer(rng, c, t.date(), names)
            s.commit("refs/heads/master", c.manager, t, "nps",
                     subject("nps", c.slug, subj), [(path, text)])
    frm = "refs/heads/master"
    for t, _, kind, c in pull:
        path, text, summ, by = entry(rng, c, t, ids, paths, managers)
        s.commit("refs/heads/bench-pull", c.manager, t, "log",
                 subject("log", c.slug, summ), [(path, text)], frm)
        frm = None
    fi.stdin.write(b"done\n")
    fi.stdin.close()
    if fi.wait():
        raise SystemExit("genbook: git fast-import failed")
    # The work tree and the index, as a clone would have them.
    subprocess.run(["git", "-C", out, "reset", "-q", "--hard"], check=True)
    return s.commits, clients


def check(out, acct):
    """acct's reading commands read the book without a word on stderr."""
    env = dict(os.environ, ACCT_NOW=NOW, TZ="UTC", NO_COLOR="1")
    # The client with the most entries, as the bench takes.
    counts = {}
    for path in subprocess.run(["git", "-C", out, "ls-files", "clients/*/log/*"],
                               capture_output=True, text=True,
                               check=True).stdout.split():
        counts[path.split("/")[1]] = counts.get(path.split("/")[1], 0) + 1
    busiest = min(counts, key=lambda s: (-counts[s], s))
    cmds = [["agenda", "--all"], ["report", "--all", "--period", PERIOD],
            ["history", busiest], ["client", "show", busiest],
            ["timeline", busiest, "--since", "2026-10-01"],
            ["todo"], ["nps"], ["brief", "--check"]]
    bad = 0
    for cmd in cmds:
        p = subprocess.run([acct, "-C", out] + cmd, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # brief --check exits 3 when a brief lacks a section: a finding.
        ok = p.returncode == 0 or (cmd[0] == "brief" and p.returncode == 3)
        if not ok or p.stderr:
            bad += 1
            sys.stderr.write("genbook: acct %s: exit %d\n%s" % (
                " ".join(cmd), p.returncode,
                p.stderr.decode(errors="replace")[:2000]))
    st = subprocess.run(["git", "-C", out, "status", "--porcelain"],
                        capture_output=True, text=True, check=True).stdout
    if st:
        bad += 1
        sys.stderr.write("genbook: git status is not clean:\n" + st[:2000])
    if subprocess.run(["git", "-C", out, "fsck", "--no-progress", "--strict"],
                      stderr=subprocess.PIPE).returncode:
        bad += 1
        sys.stderr.write("genbook: git fsck failed\n")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=100000)
    ap.add_argument("--nps", type=int, default=8000)
    ap.add_argument("--pull", type=int, default=0)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--check", metavar="ACCT")
    ap.add_argument("dir")
    args = ap.parse_args()
    out = args.dir.rstrip("/")
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    t0 = time.monotonic()
    ncommits, _ = generate(args, tmp)
    took = time.monotonic() - t0
    if args.check and check(tmp, args.check):
        raise SystemExit("genbook: the book in %s is not valid" % tmp)
    checked = time.monotonic() - t0 - took
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    head = subprocess.run(["git", "-C", out, "rev-parse", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    print("genbook: %s: %d clients, %d entries, %d NPS answers, %d commits "
          "(%d on bench-pull), HEAD %s, made in %.0f s%s" % (
              out, args.clients, args.entries, args.nps, ncommits, args.pull,
              head[:12], took, ", checked in %.0f s" % checked
              if args.check else ""))


if __name__ == "__main__":
    main()
