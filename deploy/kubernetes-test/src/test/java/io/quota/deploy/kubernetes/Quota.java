package io.quota.deploy.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's facts the manifests are checked against. */
final class Quota {
    private Quota() {
    }

    static Map<String, ServiceConfig> services() {
        Map<String, ServiceConfig> m = new LinkedHashMap<>();
        Repo.services().forEach(s -> m.put(s, ServiceConfig.load(Repo.root(), s)));
        return m;
    }

    /** Secret names (quota-...) in backticks in the "## Secrets" section of deploy/kubernetes/README.md. */
    static Set<String> documentedSecrets() {
        String readme = Repo.read(Repo.kubernetes().resolve("README.md"));
        int start = readme.indexOf("\n## Secrets");
        if (start < 0) {
            throw new AssertionError("deploy/kubernetes/README.md has no '## Secrets' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`(quota-[a-z0-9.-]+)`").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
