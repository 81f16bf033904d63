package org.tsunagu.protocol.body;

/**
 * Size limits of body fields, in Unicode code points for text and in elements for lists and maps. They
 * are part of the protocol: a receiver rejects a body that exceeds them, so raising one needs a new
 * protocol version. They are generous for real directories and keep a body well under the 64 KiB
 * envelope limit in ordinary use.
 */
public final class Limits {
    /** Local ids: {@code id} of organisations and partnerships, the part after {@code /} of a global id. */
    public static final int ID = 128;
    /** Names and titles, each entry of {@code names}/{@code titles}/{@code alternate_names}. */
    public static final int NAME = 300;
    /** {@code description} and each entry of {@code descriptions}. */
    public static final int DESCRIPTION = 8000;
    /** Short free text: legal status, phone type, contact title, city, region. */
    public static final int SHORT_TEXT = 200;
    /** A postal address line block. */
    public static final int ADDRESS = 1000;
    /** {@code reason} of removals, retractions and key rotations. */
    public static final int REASON = 2000;

    public static final int URL = 2048;
    /** RFC 5321 path limit. */
    public static final int EMAIL = 254;

    public static final int PHONE_NUMBER = 64;
    public static final int POSTAL_CODE = 32;
    /** An org-id identifier, list code included. */
    public static final int IDENTIFIER = 200;

    /** Entries of a language map ({@code names}, {@code descriptions}, {@code titles}). */
    public static final int LANGUAGE_MAP_ENTRIES = 50;

    public static final int ALTERNATE_NAMES = 50;
    public static final int COUNTRIES = 250;
    public static final int SECTORS = 100;
    public static final int LANGUAGES = 50;
    public static final int IDENTIFIERS = 50;
    public static final int PHONES = 20;
    public static final int CONTACTS = 50;
    public static final int LOCATIONS = 100;
    public static final int PARTIES = 100;

    public static final int MIN_YEAR_INCORPORATED = 1800;

    private Limits() {}
}
