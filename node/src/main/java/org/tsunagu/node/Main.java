package org.tsunagu.node;

/** Entry point of the node; wiring comes with the node issue. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("tsunagu");
    }
}
