/**
 * Bulk import of this hub's organisations from CSV or JSON (our own shape or HSDS 3.0), turned
 * into {@code org.upsert} bodies and signed through the log's {@code Publisher}, all or nothing by
 * default, with every problem reported by line and column. May depend on {@code db}, {@code
 * directory} and {@code log}.
 */
package org.tsunagu.node.importer;
