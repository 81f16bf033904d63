package org.tsunagu.protocol.body;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;
import org.tsunagu.protocol.codes.Code;
import org.tsunagu.protocol.codes.CodeLists;
import org.tsunagu.protocol.codes.LanguageTags;
import org.tsunagu.protocol.codes.OrgIdList;

/** Checks of members that several body types share: codes, tags, ids, URLs, e-mail, dates. */
final class Fields {
    private Fields() {}

    /** A BCP 47 tag: well-formed, a known primary language, written in the canonical case. */
    static boolean languageTag(Check check, String tag, JsonPath path) {
        if (!LanguageTags.isWellFormed(tag)) {
            check.error(path, "is not a well-formed BCP 47 language tag (RFC 5646), e.g. ja, th, ja-Latn, zh-Hant-TW");
            return false;
        }
        if (!CodeLists.isLanguage(tag)) {
            check.error(
                    path,
                    "has an unknown primary language subtag \"" + LanguageTags.primaryLanguage(tag)
                            + "\": use an ISO 639-1 code (ja, en, th) or a three-letter ISO 639 code (fil)");
            return false;
        }
        String canonical = LanguageTags.canonicalCase(tag);
        if (!canonical.equals(tag)) {
            check.error(path, "write the language tag in its canonical case: " + canonical);
            return false;
        }
        return true;
    }

    static void languages(Obj o, String name) {
        for (Obj.Text t : o.texts(name, Limits.LANGUAGES, LanguageTags.MAX_LENGTH)) {
            languageTag(o.check, t.value(), t.path());
        }
    }

    static String localId(Obj o, String name) {
        String id = o.text(name, Limits.ID);
        if (id != null && !GlobalId.isLocalId(id)) {
            o.check.error(
                    o.at(name),
                    id.equals(".") || id.equals("..")
                            ? "must not be . or .. (URLs resolve them away)"
                            : "must be 1–" + Limits.ID + " characters of A–Z a–z 0–9 . _ ~ : -");
            return null;
        }
        return id;
    }

    /** {@code "origin/id"}: a hub id, a slash and a local id. */
    static GlobalId globalId(Obj o, String name) {
        String s = o.text(name, 64 + 1 + Limits.ID);
        if (s == null) {
            return null;
        }
        Optional<GlobalId> id = GlobalId.tryParse(s);
        if (id.isEmpty()) {
            o.check.error(o.at(name), "must be \"origin/id\": a hub id, \"/\", and a local id, e.g. jp-janic/org-42");
        }
        return id.orElse(null);
    }

    static void country(Obj o, String name) {
        String code = o.text(name, Limits.SHORT_TEXT);
        if (code != null) {
            countryCode(o.check, code, o.at(name));
        }
    }

    static void countries(Obj o, String name) {
        for (Obj.Text t : o.texts(name, Limits.COUNTRIES, Limits.SHORT_TEXT)) {
            countryCode(o.check, t.value(), t.path());
        }
    }

    private static void countryCode(Check check, String code, JsonPath path) {
        Optional<Code> country = CodeLists.country(code);
        if (country.isEmpty()) {
            check.error(path, "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. JP, TH, PH");
        } else if (country.get().withdrawn()) {
            check.warn(path, "country code " + code + " is withdrawn from ISO 3166-1");
        }
    }

    /** DAC 5-digit sector or 3-digit sector category codes; withdrawn ones pass with a warning. */
    static void sectors(Obj o, String name) {
        for (Obj.Text t : o.texts(name, Limits.SECTORS, Limits.SHORT_TEXT)) {
            Optional<Code> sector =
                    t.value().length() == 5 || t.value().length() == 3 ? CodeLists.sector(t.value()) : Optional.empty();
            if (sector.isEmpty()) {
                o.check.error(
                        t.path(),
                        "must be an IATI (OECD DAC) 5-digit Sector or 3-digit SectorCategory code, e.g. 15160 or 151");
            } else if (sector.get().withdrawn()) {
                o.check.warn(
                        t.path(),
                        "sector code " + t.value() + " (" + sector.get().name() + ") is withdrawn");
            }
        }
    }

    /** org-id.guide identifiers {@code LIST-value} whose list code is known (longest match). */
    static void identifiers(Obj o, String name) {
        for (Obj.Text t : o.texts(name, Limits.IDENTIFIERS, Limits.IDENTIFIER)) {
            if (t.value().chars().anyMatch(Character::isWhitespace)) {
                o.check.error(t.path(), "must not contain whitespace");
                continue;
            }
            Optional<OrgIdList> list = CodeLists.orgIdListFor(t.value()).flatMap(CodeLists::orgIdList);
            if (list.isEmpty()) {
                o.check.error(
                        t.path(),
                        "must be an org-id.guide identifier \"LIST-value\" whose list code is in the register, "
                                + "e.g. JP-JCN-3000020278670 (there is no JP-COR list)");
            } else if (list.get().deprecated() || !list.get().confirmed()) {
                o.check.warn(
                        t.path(),
                        "org-id list " + list.get().code() + " is "
                                + (list.get().deprecated() ? "deprecated" : "not confirmed") + " in the register");
            }
        }
    }

    static void url(Obj o, String name) {
        String url = o.text(name, Limits.URL);
        if (url != null && !Forms.isHttpUrl(url)) {
            o.check.error(
                    o.at(name), "must be an absolute http or https URL with a host, e.g. https://www.example.org/");
        }
    }

    static void email(Obj o, String name) {
        String email = o.text(name, Limits.EMAIL);
        if (email != null && !Forms.isEmail(email)) {
            o.check.error(o.at(name), "must be an e-mail address such as info@example.org");
        }
    }

    static void phone(Obj o, String name) {
        String phone = o.text(name, Limits.PHONE_NUMBER);
        if (phone != null && !Forms.isPhone(phone)) {
            o.check.error(o.at(name), "must be a phone number of digits, spaces and + ( ) . / -, e.g. +81 3 1234 5678");
        }
    }

    static LocalDate date(Obj o, String name) {
        String s = o.text(name, Limits.SHORT_TEXT);
        if (s == null) {
            return null;
        }
        LocalDate date = Forms.date(s);
        if (date == null) {
            o.check.error(o.at(name), "must be a calendar date written YYYY-MM-DD");
        }
        return date;
    }

    /** A code from a list; {@code what} names the list in the message. */
    static void code(Obj o, String name, Predicate<String> known, String what) {
        String code = o.text(name, Limits.SHORT_TEXT);
        if (code != null && !known.test(code)) {
            o.check.error(o.at(name), "must be " + what);
        }
    }
}
