package dev.lucenefilter.corpus;

import java.util.List;

/**
 * Word lists and sentence templates of the sample corpus, in Russian, Kazakh and English, in the register of
 * Kazakh news, city, sports, business and lifestyle channels. Templates use slots: {@code {n}} noun, {@code {a}}
 * adjective, {@code {v}} verb, {@code {c}} city, {@code {d}} number, {@code {w}} any word.
 */
final class Vocabulary {
  private Vocabulary() {}

  /** One language's words and templates. */
  record Language(String code, List<String> nouns, List<String> adjectives, List<String> verbs,
      List<String> other, List<String> cities, List<String> templates, List<String> hashtags) {}

  private static List<String> words(String s) {
    return List.of(s.trim().split("\\s+"));
  }

  static final Language RU = new Language("ru",
      words("""
          новости город погода дорога мост школа больница врач учитель студент университет экзамен работа
          зарплата цена рынок магазин товар скидка акция банк кредит ипотека квартира дом район улица парк
          автобус метро поезд самолёт аэропорт вокзал билет концерт театр кино фильм сериал книга музей выставка
          фестиваль праздник футбол хоккей матч команда игрок тренер чемпионат турнир победа поражение гол
          президент правительство министр закон решение суд полиция авария пожар снег дождь ветер мороз жара
          весна лето осень зима утро вечер ночь неделя месяц год день час минута семья ребёнок мама папа друг
          соседи жители люди компания бизнес стартап проект программа приложение телефон интернет сайт канал
          подписчик видео фото репортаж интервью заявление сообщение вопрос ответ проблема ремонт строительство
          вода свет газ тариф налог пенсия пособие выборы депутат акимат горожане туристы гости ресторан кафе
          кофе чай хлеб мясо молоко овощи фрукты яблоко урожай фермер поле степь горы озеро река море лес
          машина бензин пробка парковка такси курьер доставка заказ очередь документ паспорт справка налоговая
          энергетика нефть уголь металл завод шахта экспорт импорт тенге доллар курс инфляция экономика рост"""),
      words("""
          новый старый большой маленький хороший плохой важный срочный главный городской местный областной
          зимний летний тёплый холодный дорогой дешёвый бесплатный быстрый медленный красивый чистый грязный
          светлый тёмный громкий тихий весёлый грустный интересный скучный сложный простой открытый закрытый
          последний первый лучший известный популярный новогодний праздничный спортивный школьный детский
          семейный общественный частный государственный международный казахстанский алматинский""" ),
      words("""
          открыли закрыли построили отремонтировали запустили объявили сообщили рассказали показали нашли
          потеряли купили продали выиграли проиграли подняли снизили повысили отменили перенесли начали
          закончили провели организовали посетили приехали уехали вернулись ждут просят предлагают обещают
          планируют готовят обсуждают проверяют советуют рекомендуют смотрите читайте подписывайтесь пишите""" ),
      words("""
          сегодня завтра вчера сейчас скоро уже ещё очень совсем почти всего только также тоже снова опять
          здесь там везде внимание важно срочно подробнее итак кстати например конечно возможно наконец""" ),
      words("Алматы Астана Шымкент Караганда Актобе Тараз Павлодар Семей Атырау Костанай Кызылорда Уральск Актау Туркестан Талдыкорган"),
      List.of(
          "В {c} {v} {a} {n}.", "{a} {n} в {c}: {v} {n} и {n}.", "Сегодня {v} {n}, {w} {a} {n}.",
          "{n} {d} тенге — {w} {a} {n}!", "Жители {c} {v} {a} {n} {w}.", "Новости {c}: {a} {n} {v}.",
          "Что думаете про {a} {n}? Пишите в комментариях.", "{d} человек {v} {n} в {c}.",
          "Внимание: {a} {n} {v} {w}.", "Как {v} {n} и {n}? Рассказываем."),
      words("новости алматы астана казахстан погода спорт футбол экономика город важно"));

  static final Language KK = new Language("kk",
      words("""
          жаңалықтар қала ауа райы жол көпір мектеп аурухана дәрігер мұғалім студент университет емтихан жұмыс
          жалақы баға нарық дүкен тауар жеңілдік банк несие пәтер үй аудан көше саябақ автобус пойыз ұшақ
          әуежай вокзал билет концерт театр кино фильм кітап мұражай көрме мереке футбол хоккей матч команда
          ойыншы жаттықтырушы чемпионат жеңіс гол президент үкімет министр заң шешім сот полиция апат өрт қар
          жаңбыр жел аяз ыстық көктем жаз күз қыс таң кеш түн апта ай жыл күн сағат отбасы бала ана әке дос
          көршілер тұрғындар адамдар компания бизнес жоба бағдарлама қосымша телефон интернет сайт арна
          жазылушы бейне сурет сұхбат мәлімдеме хабар сұрақ жауап мәселе жөндеу құрылыс су жарық газ тариф салық
          зейнетақы жәрдемақы сайлау депутат әкімдік қонақтар мейрамхана кафе кофе шай нан ет сүт көкөніс жеміс
          алма егін шаруа дала тау көл өзен теңіз орман көлік жанармай кептеліс такси тапсырыс кезек құжат
          төлқұжат анықтама мұнай көмір металл зауыт шахта экспорт теңге доллар бағам инфляция экономика өсу
          ғылым білім тіл әдебиет өнер мәдениет тарих дәстүр домбыра наурыз құрылтай ұлттық қазына""" ),
      words("""
          жаңа ескі үлкен кішкентай жақсы жаман маңызды шұғыл басты қалалық жергілікті облыстық қысқы жазғы
          жылы суық қымбат арзан тегін жылдам баяу әдемі таза лас жарық қараңғы қызықты күрделі қарапайым
          ашық жабық соңғы бірінші үздік белгілі танымал мерекелік спорттық мектептік балалар отбасылық
          мемлекеттік халықаралық қазақстандық алматылық ұлы көне қасиетті""" ),
      words("""
          ашылды жабылды салынды жөнделді іске қосылды жарияланды хабарлады айтты көрсетті тапты жоғалтты
          сатып алды сатты жеңді ұтылды көтерді төмендетті тоқтатты басталды аяқталды өткізілді ұйымдастырды
          келді кетті оралды күтеді сұрайды ұсынады уәде етеді жоспарлайды дайындайды талқылайды тексереді
          кеңес береді қараңыз оқыңыз жазылыңыз жазыңыз""" ),
      words("""
          бүгін ертең кеше қазір жақында әлі өте мүлдем барлығы тек сондай-ақ тағы да мұнда онда барлық жерде
          назар аударыңыз маңызды толығырақ айтпақшы мысалы әрине мүмкін ақыры рахмет құттықтаймыз""" ),
      words("Алматы Астана Шымкент Қарағанды Ақтөбе Тараз Павлодар Семей Атырау Қостанай Қызылорда Орал Ақтау Түркістан Талдықорған Өскемен"),
      List.of(
          "{c} қаласында {a} {n} {v}.", "{a} {n}: {n} мен {n} {v}.", "Бүгін {n} {v}, {w} {a} {n}.",
          "{n} {d} теңге — {w} {a} {n}!", "{c} тұрғындары {a} {n} {v}.", "{c} жаңалықтары: {a} {n} {v}.",
          "{a} {n} туралы не ойлайсыз? Пікір жазыңыз.", "{c} қаласында {d} адам {n} {v}.",
          "Назар аударыңыз: {a} {n} {v}.", "{n} қалай {v}? Айтып береміз."),
      words("жаңалықтар алматы астана қазақстан ауарайы спорт футбол экономика наурыз маңызды"));

  static final Language EN = new Language("en",
      words("""
          news city weather road bridge school hospital doctor teacher student university exam job salary price
          market shop store discount sale bank loan mortgage apartment house district street park bus subway
          train plane airport station ticket concert theatre movie series book museum exhibition festival holiday
          football hockey match team player coach championship tournament victory defeat goal president
          government minister law decision court police accident fire snow rain wind frost heat spring summer
          autumn winter morning evening night week month year day hour family child mother father friend
          neighbours residents people company business startup project program app phone internet website
          channel subscriber video photo report interview statement message question answer problem repair
          construction water power gas tariff tax pension election deputy tourists guests restaurant cafe coffee
          tea bread meat milk vegetables fruit apple harvest farmer field steppe mountains lake river sea forest
          car fuel traffic parking taxi courier delivery order queue document passport oil coal metal factory
          mine export import dollar rate inflation economy growth science education language culture history""" ),
      words("""
          new old big small good bad important urgent main local regional winter summer warm cold expensive
          cheap free fast slow beautiful clean dirty bright dark loud quiet happy sad interesting boring
          difficult simple open closed last first best famous popular festive sporty family public private
          national international digital green smart""" ),
      words("""
          opened closed built repaired launched announced reported told showed found lost bought sold won lost
          raised lowered cancelled postponed started finished held organised visited arrived left returned wait
          ask offer promise plan prepare discuss check recommend watch read subscribe write""" ),
      words("""
          today tomorrow yesterday now soon already still very quite almost only also again here there everywhere
          attention important urgent details anyway example course maybe finally thanks""" ),
      words("Almaty Astana Shymkent Karaganda Aktobe Taraz Pavlodar Semey Atyrau Kostanay Aktau Turkistan"),
      List.of(
          "In {c} they {v} a {a} {n}.", "{a} {n}: {v} the {n} and the {n}.", "Today the {n} {v}, {w} {a} {n}.",
          "{n} for {d} tenge — {w} {a} {n}!", "Residents of {c} {v} the {a} {n}.", "{c} news: {a} {n} {v}.",
          "What do you think about the {a} {n}? Comment below.", "{d} people {v} the {n} in {c}.",
          "Attention: the {a} {n} was {v} {w}.", "How to {v} a {n}? We explain."),
      words("news almaty astana kazakhstan weather sports football economy business tech"));

  static final List<Language> ALL = List.of(RU, KK, EN);

  /** Ordinary (harmless) domains for links. */
  static final List<String> DOMAINS = List.of(
      "tengrinews.kz", "kaspi.kz", "egov.kz", "nur.kz", "zakon.kz", "inform.kz", "kazpravda.kz", "youtube.com",
      "instagram.com", "wikipedia.org", "github.com", "olx.kz", "krisha.kz", "kolesa.kz", "sports.kz",
      "astana.gov.kz", "almaty.gov.kz", "stat.gov.kz", "bbc.com", "reuters.com", "example.org", "kazinform.kz");

  static final List<String> EMOJI = List.of("🔥", "❗", "⚡", "✅", "📢", "👉", "😂", "❤️", "🇰🇿", "⚽", "🎉", "☀️",
      "❄️", "📈", "💰", "🚗", "🏔", "📷");

  /** Syllables for usernames of ordinary channels. */
  static final List<String> USERNAME_PARTS = List.of(
      "almaty", "astana", "news", "kz", "qazaq", "sport", "biz", "tech", "info", "daily", "city", "life",
      "kitchen", "auto", "travel", "music", "kino", "study", "market", "today", "online", "zhanalyq", "shymkent",
      "karaganda", "steppe", "nomad", "dala", "tau", "kaz", "media");
}
