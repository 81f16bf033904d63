package org.tsunagu.protocol.vectors;

/** The top-level {@code description} of each vector file: how to read and run its cases. */
final class VectorDescriptions {
    static final String ENVELOPES = "Tsunagu protocol v1 conformance vectors: signed envelopes and the chain rules"
            + " (protocol/SPEC.md). Two origins: jp-janic, seq 1-8, with a key.rotate at seq 5 signed by key"
            + " tsunagu-vectors/jp-janic/1, after which tsunagu-vectors/jp-janic/2 signs; and th-ngocoord, seq 1-3,"
            + " whose seq 3 endorses jp-janic's partnership.announce (seq 4). `keys` lists every key: its seed is"
            + " SHA-256 of the UTF-8 label (test keys only). Each valid envelope comes after its tampered twins,"
            + " which must all fail. Run every case on its own, as a receiver would, given its context: `origin`;"
            + " `held`, the hashes of that origin's envelopes already held, seq 1..n in order (the head is the"
            + " last; empty when nothing is held); and `key`, the key in force at the envelope's seq (the pinned"
            + " first key, or the new_key of the latest key.rotate at a lower seq; past the head, the current"
            + " key). Checks, in order: (1) parse `input`, the bytes exactly as received (UTF-8): failure is"
            + " error \"malformed\"; (2) seq > n+1: error \"chain\", chain \"gap\" (pull the missing envelopes"
            + " first; a rotation may hide in the gap, so nothing else can be judged); (3) the envelope's `key`"
            + " member must equal `key`: error \"key\"; (4) `sig` must verify over the JCS form without `sig`:"
            + " error \"signature\"; (5) seq <= n with hash equal to held[seq-1]: valid, outcome \"duplicate\";"
            + " seq <= n otherwise: error \"chain\", chain \"equivocation\"; seq = n+1 and `prev` is not the"
            + " head's hash (null when n = 0): error \"chain\", chain \"prev_mismatch\"; else valid, outcome"
            + " \"append\"; (6) for an append, the body must be valid for its type (protocol/SPEC.md): error"
            + " \"body\" (validate with 2026-11-29 as today). Whenever the input parses, expected.canonical is the exact JCS (RFC 8785) text of the"
            + " whole envelope, `sig` included, and expected.hash is \"sha256:\" + base64url (no padding) of"
            + " SHA-256 over its UTF-8 bytes. expected.path is the JSON path this implementation names; matching"
            + " it is recommended, not required; for \"body\" it is the first error's. Every body is valid"
            + " except in the cases whose error is \"body\": the twins fail for the reason their name gives.";

    static final String MALFORMED = "Tsunagu protocol v1 conformance vectors: envelopes that must be rejected as"
            + " malformed when parsed (error \"malformed\"), before any key, signature, chain or body check"
            + " (protocol/SPEC.md). Each is a small change to jp-janic/2 of envelopes.json (jp-janic/1 where seq 1"
            + " matters). `input` is the text exactly as received (UTF-8); `input_hex` replaces it when the bytes"
            + " are not UTF-8 JSON text. expected.path is the JSON path this implementation names ($ for the"
            + " message as a whole); matching it is recommended, not required. Left out for its size: a message"
            + " over 256 KiB, which must be rejected too.";

    static final String FIRST_CONTACT = "Tsunagu protocol v1 conformance vectors: first contact with a hub that"
            + " rotated its key (protocol/SPEC.md section 8). mm-hub's log, seq 1-6, is signed by"
            + " tsunagu-vectors/mm-hub/1, rotates at seq 3 to mm-hub/2 and at seq 5 to mm-hub/3. Each case is a"
            + " log as a node meeting mm-hub for the first time would be served it (`log`: canonical envelopes in"
            + " order) and `pinned`, the key the node pinned from the hub document or its administrator. Verify"
            + " from seq 1: the first key is the one the seq-1 envelope names; each envelope must name and be"
            + " signed by the key in force at its seq and chain as in section 7 (seq 1 with prev null, then"
            + " seq n+1 naming the hash of seq n); a key.rotate's new_key is in force from the next seq. The log"
            + " is valid only if the key in force after its last envelope equals `pinned`. expected.valid says"
            + " whether to accept the log; expected.error is \"key\" (an envelope's key is not the key in force,"
            + " a signature fails, or the key after the head is not the pinned one) or \"chain\" (the log does not"
            + " start at seq 1 or does not chain).";

    static final String CANONICAL = "Tsunagu protocol v1 conformance vectors: the canonical form, RFC 8785 (JCS),"
            + " under this protocol's stricter input rules (protocol/SPEC.md): UTF-8 only, no member twice,"
            + " nesting depth at most 32, integers within +-(2^53-1), no lone surrogates. `input` is a JSON text"
            + " (`input_hex` replaces it for bytes that are not UTF-8 text). A valid case's expected.canonical is"
            + " the exact canonical text (compare its UTF-8 bytes) and expected.hash is \"sha256:\" + base64url"
            + " (no padding) of SHA-256 over them. A rejected case must be refused (error \"malformed\");"
            + " expected.path is the JSON path this implementation names, where one can be spelt. These add"
            + " Japanese, Thai, emoji and escapes to the RFC 8785 reference vectors"
            + " (github.com/cyberphone/json-canonicalization, testdata), which an implementation should pass too.";

    static final String RECEIPTS = "Tsunagu erasure receipt vectors (protocol/SPEC.md §6.11): a node's signed"
            + " acknowledgement that it applied an org.erase. Each case has `receipt`, a JSON text. Parse it"
            + " strictly: exactly the members type, erase, origin, seq, hub, key, ts, sig, with type the text"
            + " erasure.receipt (else error \"malformed\" naming the member); then verify sig, Ed25519 over the"
            + " RFC 8785 canonical form of the receipt without sig, with the public key named by key (else error"
            + " \"signature\", path $.sig). expected.valid says whether the receipt is valid; a valid one names"
            + " expected.erase, the hash of mm-hub's org.erase at seq 4 in envelopes-v2.json. Twins change one"
            + " member under the same signature, or swap signature and key. The keys are derived from labels"
            + " as in envelopes.json (seed = SHA-256 of the label) and listed under keys; the time is fixed.";

    static final String ENVELOPES_V2 = "Tsunagu protocol v2 conformance vectors: version 2 envelopes, whose signature"
            + " and hash cover body_digest (the hash of {\"body\": body, \"salt\": salt}) instead of the body, so"
            + " that a node can drop body and salt (redaction, after an org.erase) and the envelope still verifies"
            + " and chains (protocol/SPEC.md §5.2, §11). One origin, mm-hub (key tsunagu-vectors/mm-hub/1, seed ="
            + " SHA-256 of the label): seq 1 is version 1, seq 2 on are version 2; seq 4 is an org.erase of the"
            + " organisation of seq 3. Run each case as in envelopes.json, with `held` the hashes of seq 1..n and"
            + " `head_version` the version of the envelope at n (0 when nothing is held), and these additions:"
            + " (1) parse reads `v` first; version 2 has body_digest and, unless redacted, body and salt (both or"
            + " neither); (4) before the signature, a version 2 envelope with a body must have body_digest equal"
            + " to the hash of the canonical form of {\"body\": body, \"salt\": salt}: error \"signature\","
            + " path $.body; the signature is over the canonical form without sig, body and salt; (5) seq = n+1"
            + " with a version lower than head_version: error \"chain\", chain \"downgrade\"; (6) a redacted"
            + " envelope has no body to judge and is appended as it is. expected.canonical is the JCS text of the"
            + " whole input; expected.hashed is the JCS text without body and salt (for version 1, the whole"
            + " envelope); expected.hash is \"sha256:\" + base64url of SHA-256 over expected.hashed;"
            + " expected.redacted says whether the input is redacted. A full copy of a held redacted envelope"
            + " has the same hash: a duplicate, which must not bring the erased body back.";

    private VectorDescriptions() {}
}
