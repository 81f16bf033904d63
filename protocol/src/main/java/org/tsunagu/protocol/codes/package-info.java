/**
 * The code lists bodies are checked against (IATI sectors and organisation types, ISO countries
 * and languages, org-id.guide lists), read from generated TSV resources, and BCP 47 language tags.
 * Depends on the JDK only.
 */
package org.tsunagu.protocol.codes;
