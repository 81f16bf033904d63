package org.tsunagu.node.log;

/** The arguments of this package's write-path benches: {@code --rows N --rounds N}. */
record BenchArgs(int rows, int rounds) {
    static BenchArgs parse(String[] args) {
        int rows = 20_000;
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new BenchArgs(rows, rounds);
    }
}
