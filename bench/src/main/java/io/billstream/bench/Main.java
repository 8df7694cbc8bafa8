package io.billstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver. {@code Main <results-dir> [scenario ...]} runs scenarios against a running stack and writes one
 * JSON file per scenario; {@code Main --report <results-dir>} renders {@code summary.md} from every JSON there.
 * bench/run.sh starts and stops the stack around it.
 */
public final class Main {

    static final List<String> ALL = List.of("rest", "idle", "growth-before", "write", "e2e", "profile", "growth-after", "killbill", "growth-1m");

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--report")) {
            Path dir = Path.of(args[1]);
            Path summary = dir.resolve("summary.md");
            Files.writeString(summary, Report.render(dir));
            System.out.println("written " + summary);
            return;
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<String> scenarios = args.length > 1 ? List.of(args).subList(1, args.length) : ALL;
        Config config = Config.fromEnvironment(out);
        Stack stack = new Stack(config.runDir());
        if (stack.processes().isEmpty()) {
            throw new IllegalStateException("no stack processes under " + config.runDir() + "; start it with ./billstream up");
        }
        Map<String, Object> machine = Stack.machine();
        machine.put("config", config.describe());
        write(out, "machine", machine);
        Growth growth = new Growth(config, stack);
        WritePath writePath = new WritePath(config, stack);
        boolean growthBaseline = false;
        int failures = 0;
        for (String scenario : scenarios) {
            WritePath.log("scenario %s (load average %.2f)", scenario, Stack.loadAverage());
            long start = System.nanoTime();
            Map<String, Object> result;
            try {
                result = switch (scenario) {
                    case "rest" -> rest(config, stack);
                    case "growth-before" -> {
                        growthBaseline = true;
                        yield growth.measureBefore();
                    }
                    case "write" -> writePath.run();
                    case "e2e" -> withPeakRss(stack, () -> new EndToEnd(config, stack, writePath.inventory()).run());
                    case "profile" -> new Profile(config, stack).run();
                    case "growth-after" -> growthBaseline ? growth.measureAfter()
                            : Map.of("error", "growth-after needs growth-before earlier in the same run");
                    case "killbill" -> new KillBill(config, stack).run();
                    case "idle" -> IdleCost.of(config, stack).run();
                    case "growth-1m" -> growthBaseline ? new MillionEvents(config, stack, growth).run()
                            : Map.of("error", "growth-1m needs growth-before earlier in the same run");
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + ALL);
                };
            } catch (Exception | AssertionError e) {
                failures++;
                e.printStackTrace();
                result = new LinkedHashMap<>();
                result.put("error", e.toString());
            }
            result = new LinkedHashMap<>(result);
            result.put("scenarioSeconds", Stats.round((System.nanoTime() - start) / 1e9, 1));
            write(out, scenario, result);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    interface Scenario {
        Map<String, Object> run() throws Exception;
    }

    private static Map<String, Object> withPeakRss(Stack stack, Scenario scenario) throws Exception {
        try (Stack.RssPeak peak = stack.new RssPeak()) {
            Map<String, Object> result = new LinkedHashMap<>(scenario.run());
            result.put("rssPeakMiB", peak.peak());
            return result;
        }
    }

    private static Map<String, Object> rest(Config config, Stack stack) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settleSeconds", stack.settle(0.2, 30));
        Map<String, Double> rss = stack.rssMiB();
        out.put("rssMiB", rss);
        out.put("totalRssMiB", Stats.round(rss.values().stream().mapToDouble(Double::doubleValue).sum(), 1));
        // RSS counts the file pages a process maps (jars, libjvm, the ahead-of-time cache), which the kernel can
        // drop and share; the anonymous part (heap, metaspace, code, stacks, malloc) is what each process holds alone
        out.put("rssAnonMiB", stack.statusMiB("RssAnon"));
        out.put("rssFileMiB", stack.statusMiB("RssFile"));
        ProcessGroup killBill = ProcessGroup.killBillIfRunning(config, "rest");
        if (killBill != null) {
            out.put("killBill", Map.of("rssMiB", ProcessGroup.statusMiB(killBill.pids(), "VmRSS"),
                    "rssAnonMiB", ProcessGroup.statusMiB(killBill.pids(), "RssAnon"),
                    "rssFileMiB", ProcessGroup.statusMiB(killBill.pids(), "RssFile")));
        }
        out.put("loadAverage1m", Stack.loadAverage());
        return out;
    }

    static void write(Path dir, String name, Map<String, Object> result) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        WritePath.log("wrote %s", file);
    }

    private Main() {
    }
}
