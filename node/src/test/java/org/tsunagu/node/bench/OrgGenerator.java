package org.tsunagu.node.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, realistic-looking multilingual organisations for benchmarks: Japanese, Thai,
 * Chinese, Filipino and English names and descriptions built from civil-society vocabulary, real DAC
 * sector codes, working languages, identifiers and acronyms. Reusable: {@link #hubs(int)} names the
 * origins, {@link #organization(Hub, long)} builds the {@code org.upsert} body of one organisation.
 */
public final class OrgGenerator {
    /** A generated origin: hub id, its country and main language. */
    public record Hub(String id, String country, Lang lang, int index) {}

    /** The languages organisations are written in. */
    public enum Lang {
        JA("ja"),
        TH("th"),
        ZH("zh"),
        EN("en"),
        FIL("fil");

        final String tag;

        Lang(String tag) {
            this.tag = tag;
        }
    }

    /** Real DAC 5-digit purpose codes (IATI Sector codelist) used by civil-society organisations. */
    static final String[] SECTORS = {
        "11110", "11220", "11230", "11240", "11330", "12110", "12220", "12230", "12240", "12250", "12261", "13020",
        "13030", "14020", "14030", "15110", "15150", "15160", "15170", "15180", "15220", "16010", "16020", "16050",
        "16061", "25010", "31120", "31161", "32130", "41010", "41020", "41030", "43030", "43040", "43060", "72010",
        "72040", "72050", "73010", "74020"
    };

    private static final String[][] JA = {
        {"東京", "大阪", "北海道", "福岡", "京都", "沖縄", "広島", "仙台", "名古屋", "神戸", "日本", "アジア", "熊本", "長崎", "横浜"},
        {
            "教育", "支援", "環境", "福祉", "医療", "子ども", "女性", "平和", "災害救援", "国際協力", "地域", "農村", "難民", "まちづくり", "ボランティア", "人権",
            "多文化共生", "フードバンク", "若者", "障害者"
        },
        {"協会", "センター", "ネットワーク", "基金", "の会", "財団", "研究所", "連絡会", "フォーラム", "協議会"},
        {
            "地域の子どもたちの教育を支援しています。",
            "災害時の緊急支援と復興支援を行っています。",
            "アジアの農村で保健医療と栄養改善に取り組んでいます。",
            "外国にルーツを持つ住民の生活相談と日本語教室を開いています。",
            "女性の自立と起業を支えるための研修を実施しています。",
            "環境保全と生物多様性の保護のための市民活動を進めています。",
            "難民の受け入れと就労支援に取り組む市民団体です。",
            "高齢者福祉と地域の見守り活動を行っています。",
            "国際協力の現場で安全な水と衛生の普及に努めています。",
            "フードバンクを通じて生活困窮者へ食料を届けています。",
            "平和教育と人権啓発のためのワークショップを開催しています。",
            "ボランティアの育成とNPOのネットワークづくりを支援します。"
        }
    };

    private static final String[][] ZH = {
        {"中国", "北京", "上海", "云南", "四川", "广东", "台湾", "香港", "贵州", "甘肃", "湖南", "广西"},
        {"扶贫", "教育", "环境保护", "妇女发展", "儿童福利", "社区服务", "公共卫生", "乡村振兴", "残障人士", "志愿者", "救灾", "青少年"},
        {"基金会", "协会", "中心", "促进会", "研究院", "服务社", "联合会", "发展中心"},
        {
            "致力于农村地区的教育和卫生服务。",
            "为贫困家庭的儿童提供奖学金和营养午餐。",
            "推动社区参与环境保护和垃圾分类。",
            "支持妇女就业和创业，促进性别平等。",
            "在自然灾害发生后提供紧急救援物资。",
            "培训志愿者并支持社区服务组织的发展。",
            "关注残障人士的康复与社会融合。",
            "开展公共卫生教育和传染病防治项目。",
            "推动乡村振兴和可持续农业发展。"
        }
    };

    private static final String[][] TH = {
        {
            "เชียงใหม่",
            "กรุงเทพ",
            "ขอนแก่น",
            "ภูเก็ต",
            "อุบลราชธานี",
            "นครราชสีมา",
            "สงขลา",
            "เชียงราย",
            "อีสาน",
            "ภาคเหนือ"
        },
        {
            "เพื่อการศึกษา",
            "พัฒนาชนบท",
            "สิ่งแวดล้อม",
            "สุขภาพชุมชน",
            "เด็กและเยาวชน",
            "สิทธิมนุษยชน",
            "สตรี",
            "เกษตรกร",
            "ผู้สูงอายุ",
            "แรงงานข้ามชาติ"
        },
        {"มูลนิธิ", "สมาคม", "เครือข่าย", "ศูนย์", "ชมรม"},
        {
            "ส่งเสริมการศึกษาของเด็กในชนบทและชุมชนห่างไกล",
            "สนับสนุนสุขภาพชุมชนและการเข้าถึงบริการสาธารณสุข",
            "อนุรักษ์ป่าไม้และทรัพยากรธรรมชาติร่วมกับชุมชน",
            "ช่วยเหลือผู้ประสบภัยพิบัติและฟื้นฟูชุมชน",
            "พัฒนาอาชีพและรายได้ของเกษตรกรรายย่อย",
            "คุ้มครองสิทธิของแรงงานข้ามชาติและครอบครัว",
            "ส่งเสริมบทบาทของสตรีในการพัฒนาท้องถิ่น",
            "ดูแลผู้สูงอายุและสร้างเครือข่ายอาสาสมัคร"
        }
    };

    private static final String[][] EN = {
        {
            "Mekong",
            "Pacific",
            "Asia",
            "Himalayan",
            "Delta",
            "Coastal",
            "Urban",
            "Rural",
            "Global",
            "Island",
            "River",
            "Northern",
            "Southern",
            "Valley",
            "Highland"
        },
        {
            "Community Health",
            "Education",
            "Water",
            "Women",
            "Children",
            "Disaster Relief",
            "Human Rights",
            "Farmers",
            "Environment",
            "Peace",
            "Youth",
            "Refugee",
            "Nutrition",
            "Microfinance",
            "Literacy"
        },
        {
            "Foundation",
            "Network",
            "Alliance",
            "Trust",
            "Society",
            "Association",
            "Initiative",
            "Forum",
            "Collective",
            "Centre"
        },
        {
            "We support rural communities with primary health care and clean water.",
            "Our volunteers run literacy classes for children and adults.",
            "We coordinate disaster relief and long-term reconstruction with local partners.",
            "We advocate for human rights and access to justice for marginalised groups.",
            "We help smallholder farmers adopt sustainable agriculture and reach markets.",
            "We provide microfinance and business training for women entrepreneurs.",
            "We protect forests, rivers and biodiversity together with indigenous communities.",
            "We work with refugees and migrants on education, housing and employment.",
            "We train young leaders in civic participation and peace-building."
        }
    };

    private static final String[][] FIL = {
        {"Maynila", "Cebu", "Davao", "Iloilo", "Bikol", "Mindanao", "Visayas", "Luzon", "Quezon", "Pampanga"},
        {"Magsasaka", "Kababaihan", "Kabataan", "Kalusugan", "Edukasyon", "Kalikasan", "Mangingisda", "Katutubo"},
        {"Samahan ng mga", "Kilusan ng mga", "Lingkod ng mga", "Kapisanan ng mga", "Ugnayan ng mga"},
        {
            "Tumutulong sa mga komunidad sa kanayunan para sa malinis na tubig at kalusugan.",
            "Nagbibigay ng libreng edukasyon at pagsasanay sa mga kabataan.",
            "Nagtatanggol sa karapatan ng mga magsasaka at mangingisda.",
            "Tumutulong sa mga nasalanta ng bagyo at lindol.",
            "Nagsusulong ng karapatan at kabuhayan ng kababaihan.",
            "Nangangalaga sa kalikasan at mga katutubong pamayanan."
        }
    };

    private static final String[][] ORIGIN_PLAN = {
        // country, language, number of hubs (50 in all)
        {"JP", "JA", "10"},
        {"TH", "TH", "8"},
        {"CN", "ZH", "5"},
        {"TW", "ZH", "3"},
        {"PH", "FIL", "7"},
        {"NP", "EN", "3"},
        {"IN", "EN", "4"},
        {"KH", "EN", "3"},
        {"GB", "EN", "3"},
        {"AU", "EN", "2"},
        {"US", "EN", "2"}
    };

    /** A registered org-id.guide list per country, for identifiers. */
    private static final Map<String, String> REGISTERS = Map.of(
            "JP", "JP-JCN", "TH", "TH-MOI", "PH", "PH-SEC", "NP", "NP-SWC", "IN", "IN-MHA", "KH", "KH-NNGO", "GB",
            "GB-CHC", "AU", "AU-ABN", "US", "US-EIN", "CN", "CN-SAIC");

    private OrgGenerator() {}

    /** {@code n} origins (at most 50 distinct countries plans repeat), e.g. jp-hub01, th-hub02 ... */
    public static List<Hub> hubs(int n) {
        List<Hub> out = new ArrayList<>();
        int k = 0;
        while (out.size() < n) {
            for (String[] plan : ORIGIN_PLAN) {
                for (int i = 0; i < Integer.parseInt(plan[2]) && out.size() < n; i++) {
                    String id = plan[0].toLowerCase(Locale.ROOT) + "-hub" + String.format("%02d", ++k);
                    out.add(new Hub(id, plan[0], Lang.valueOf(plan[1]), out.size()));
                }
            }
        }
        return out;
    }

    /** The {@code org.upsert} body of organisation number {@code n} of {@code hub}: same inputs, same body. */
    public static ObjectNode organization(Hub hub, long n) {
        Random r = new Random(hub.index() * 1_000_003L + n * 7_919L);
        String[][] words = switch (hub.lang()) {
            case JA -> JA;
            case ZH -> ZH;
            case TH -> TH;
            case EN -> EN;
            case FIL -> FIL;
        };
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", "org-" + n);
        String place = pick(r, words[0]);
        String theme = pick(r, words[1]);
        String kind = pick(r, words[2]);
        String name = switch (hub.lang()) {
            case JA, ZH -> place + theme + kind;
            case TH -> kind + theme + place;
            case EN -> place + " " + theme + " " + kind;
            case FIL -> kind + " " + theme + " ng " + place;
        };
        o.put("name", name + (r.nextInt(4) == 0 ? " " + (n % 97 + 1) : ""));
        StringBuilder description = new StringBuilder();
        for (int i = 0, count = 1 + r.nextInt(3); i < count; i++) {
            if (i > 0 && (hub.lang() == Lang.EN || hub.lang() == Lang.FIL)) {
                description.append(' ');
            }
            description.append(pick(r, words[3]));
        }
        o.put("description", description.toString());
        if (hub.lang() != Lang.EN && r.nextInt(2) == 0) {
            o.putObject("names").put("en", pick(r, EN[0]) + " " + pick(r, EN[1]) + " " + pick(r, EN[2]));
            if (r.nextInt(2) == 0) {
                o.putObject("descriptions").put("en", pick(r, EN[3]));
            }
        }
        if (r.nextInt(3) == 0) {
            o.putArray("alternate_names").add(acronym(name, r));
        }
        o.put("country", hub.country());
        ArrayNode sectors = o.putArray("sectors");
        for (int i = 0, count = 1 + r.nextInt(3); i < count; i++) {
            String code = pick(r, SECTORS);
            if (!sectors.toString().contains(code)) {
                sectors.add(code);
            }
        }
        ArrayNode languages = o.putArray("languages").add(hub.lang().tag);
        if (hub.lang() != Lang.EN && r.nextInt(3) == 0) {
            languages.add("en");
        }
        o.put("organization_type", r.nextInt(5) == 0 ? "21" : "22");
        String list = REGISTERS.get(hub.country());
        if (list != null && r.nextInt(2) == 0) {
            o.putArray("identifiers").add(list + "-" + (1_000_000_000L + r.nextInt(900_000_000)));
        }
        o.put("website", "https://org" + n + "." + hub.id() + ".example");
        o.put("year_incorporated", 1950 + r.nextInt(75));
        // Drawn last, so every member above stays what earlier benchmark runs generated.
        ArrayNode operations = o.putArray("countries_of_operation").add(hub.country());
        for (int i = 0, count = r.nextInt(3); i < count; i++) {
            String code = pick(r, OPERATIONS);
            if (!operations.toString().contains(code)) {
                operations.add(code);
            }
        }
        return o;
    }

    /** Where organisations also work: the region's countries, Pacific states among them. */
    private static final String[] OPERATIONS = {
        "MM", "TH", "KH", "LA", "VN", "PH", "ID", "NP", "BD", "AF", "PK", "LK", "TL", "PG", "FJ", "TO", "WS", "VU",
        "SB", "KI", "TV", "NR", "PW", "MH", "FM"
    };

    private static String acronym(String name, Random r) {
        StringBuilder a = new StringBuilder();
        for (String w : name.split(" ")) {
            if (!w.isEmpty() && Character.isLetter(w.charAt(0)) && w.charAt(0) < 0x80) {
                a.append(Character.toUpperCase(w.charAt(0)));
            }
        }
        return a.length() >= 2 ? a.toString() : "ORG" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
