package io.quota.local;

import io.quota.infra.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./mint-token.sh SUBJECT ROLE[,ROLE...] [TERRITORY[,TERRITORY...]] [--hours N]}: prints a bearer token
 * signed with the local run's key (in .quota-data/keys), e.g. a rep scoped to one territory subtree.
 */
public final class MintToken {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ./mint-token.sh SUBJECT ROLE[,ROLE...] [TERRITORY[,TERRITORY...]] [--hours N]");
            System.exit(2);
        }
        long hours = 12;
        List<String> territories = List.of();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--hours")) {
                hours = Long.parseLong(args[++i]);
            } else {
                territories = Arrays.asList(args[i].split(","));
            }
        }
        Path data = Path.of(System.getProperty("quota.data", LocalSuite.projectRoot().resolve(".quota-data").toString()));
        Tokens tokens = Tokens.inFolder(data.resolve("keys"));
        System.out.println(tokens.mint(args[0], Arrays.asList(args[1].split(",")), territories, Duration.ofHours(hours)));
    }

    private MintToken() {
    }
}
