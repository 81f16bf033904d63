/**
 * The directory as files: CSV that the importer reads back unchanged, and Open Referral HSDS 3.0
 * JSON, streamed page by page from the directory's search. May depend on {@code directory} and
 * {@code api} (the shared search filters).
 */
package org.tsunagu.node.export;
