package org.tsunagu.protocol.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Prints the cost of sealing a record's details for 1, 5 and 20 recipient hubs (content key, AEAD,
 * one HPKE wrap per hub), of opening it on one recipient, and of the version 2 parse + verify of the
 * sealed envelope. Run by {@code scripts/bench-seal}; not a test.
 */
public final class SealBench {
    private SealBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        SecureRandom random = new SecureRandom();
        HubId origin = HubId.of("mm-hub");
        Ed25519KeyPair signer = Ed25519KeyPair.generate(random);
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        part.put("description", "ဝန်ထမ်းများသည် မြေအောက်တွင် အလုပ်လုပ်ကြသည်။ ".repeat(12));
        part.put("email", "contact@delta-women.example");
        part.putArray("contacts").addObject().put("name", "Daw Khin").put("phone", "+95 9 123 456 789");
        System.out.printf("%-11s %14s %14s %18s%n", "recipients", "seal us/rec", "open us/rec", "v2 verify us/env");
        for (int n : new int[] {1, 5, 20}) {
            Map<HubId, EncryptionKeyId> to = new LinkedHashMap<>();
            List<EncryptionKeyPair> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                EncryptionKeyPair k = EncryptionKeyPair.generate(random);
                keys.add(k);
                to.put(HubId.of("hub-" + i), k.keyId());
            }
            SealIdentity id = new SealIdentity(origin, 2, UpdateType.ORG_UPSERT, "delta-women");
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", "delta-women");
            body.set("sealed", Sealing.seal(part, id, to, random));
            Envelope e = Envelope.signV2(
                    origin,
                    2,
                    Envelope.sign(
                                    origin,
                                    1,
                                    null,
                                    Instant.EPOCH,
                                    UpdateType.ORG_REMOVE,
                                    JsonNodeFactory.instance.objectNode().put("id", "x"),
                                    signer)
                            .hash(),
                    Instant.EPOCH,
                    UpdateType.ORG_UPSERT,
                    body,
                    signer);
            byte[] wire = e.canonicalBytes();
            EncryptionKeyPair last = keys.get(n - 1);
            HubId lastHub = HubId.of("hub-" + (n - 1));
            double[] seal = new double[rounds];
            double[] open = new double[rounds];
            double[] verify = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                seal[r] = perOp(millis, () -> Sealing.seal(part, id, to, random));
                open[r] = perOp(millis, () -> Sealing.open(body.get("sealed"), id, lastHub, k -> last, "$"));
                verify[r] = perOp(millis, () -> Envelope.parse(wire).verifySignature(signer.publicKey()));
            }
            System.out.printf("%-11d %14.1f %14.1f %18.1f%n", n, median(seal), median(open), median(verify));
        }
        System.out.println(
                "median of " + rounds + " rounds; open is the last recipient's (worst case: it scans the list)");
    }

    private static double perOp(long millis, Runnable op) {
        long end = System.nanoTime() + millis * 1_000_000;
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            op.run();
            count++;
        }
        return (System.nanoTime() - start) / 1000.0 / count;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
