package org.caresignal.local.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Peak heap and CPU of each process during one run: every second each service's heap in use (a
 * local JVM's from its HotSpot counters file, {@link HeapCounters}; else from its {@code
 * /q/metrics}: the sum of {@code jvm_memory_used_bytes{area="heap"}}, and {@code process_cpu_usage}
 * where no pid is known), and at start and end the CPU time of the processes whose pid is known
 * (the services, PostgreSQL's server and its backends, this JVM: the load generator and, when the
 * benchmark started the stack, the Kafka broker, whose threads are then reported on their own), and
 * the whole machine's CPU by state over the same window ({@link #machine()}).
 */
public final class ProcessSampler {

    /**
     * What one process used during the run: CPU in cores (CPU time over the run's wall time) and in
     * seconds of CPU time (the load-independent figure; -1 when unknown), peak heap in MiB, and the
     * seconds of that CPU time its JIT compiler threads and its garbage collector's threads took
     * (-1 when unknown or not a JVM).
     */
    public record Usage(
            String name,
            double cpuCores,
            long peakHeapMb,
            double cpuSeconds,
            double jitSeconds,
            double gcSeconds) {

        /** A process whose JIT and GC are not known. */
        public Usage(String name, double cpuCores, long peakHeapMb, double cpuSeconds) {
            this(name, cpuCores, peakHeapMb, cpuSeconds, -1, -1);
        }

        /** CPU milliseconds per mention of a run of {@code mentions}; -1 when unknown. */
        public double cpuMsPer(int mentions) {
            return cpuSeconds < 0 || mentions <= 0 ? -1 : cpuSeconds * 1000 / mentions;
        }

        /**
         * JIT compiler CPU milliseconds per mention of a run of {@code mentions}; -1 if unknown.
         */
        public double jitMsPer(int mentions) {
            return jitSeconds < 0 || mentions <= 0 ? -1 : jitSeconds * 1000 / mentions;
        }

        /** Garbage collector CPU milliseconds per mention of a run of {@code mentions}; or -1. */
        public double gcMsPer(int mentions) {
            return gcSeconds < 0 || mentions <= 0 ? -1 : gcSeconds * 1000 / mentions;
        }
    }

    private static final Pattern HEAP =
            Pattern.compile(
                    "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)",
                    Pattern.MULTILINE);
    private static final Pattern CPU_USAGE =
            Pattern.compile("^process_cpu_usage(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    private final List<BenchTarget.Sampled> services;
    private final OptionalLong postgresPid;
    private final String thisJvmName;
    private final boolean brokerInThisJvm;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    private final Map<String, Long> peakHeap = new LinkedHashMap<>();
    private final Map<String, double[]> cpuUsageSum = new LinkedHashMap<>();
    private final Map<String, Long> cpuAtStart = new LinkedHashMap<>();
    private final Map<String, JvmThreads> jvmThreads = new LinkedHashMap<>();
    private final Map<String, Path> heapCounters = new LinkedHashMap<>();
    private Map<Long, Long> brokerCpuAtStart = Map.of();
    // /proc/stat at the start, once a second and at the stop: the run's window and its middle half.
    private final List<MachineCpu.Sample> machineSamples = new ArrayList<>();
    private String machine = "machine n/a";
    private final AtomicBoolean running = new AtomicBoolean();
    private long startNanos;
    private Thread thread;

    public ProcessSampler(
            List<BenchTarget.Sampled> services,
            OptionalLong postgresPid,
            String thisJvmName,
            boolean brokerInThisJvm) {
        this.services = services;
        this.postgresPid = postgresPid;
        this.thisJvmName = thisJvmName;
        this.brokerInThisJvm = brokerInThisJvm;
    }

    /** The name the Kafka broker's threads are reported under when it runs in this JVM. */
    public static final String BROKER = "kafka-broker";

    /**
     * Whether a thread of this JVM is the benchmark's own (load, observation, sampling) rather than
     * the embedded Kafka broker's: the broker names its many threads in several ways across
     * versions, the benchmark's few are known.
     */
    static boolean isBenchThread(String name) {
        return name.equals("main")
                || name.startsWith("bench-")
                || name.startsWith("pool-")
                || name.startsWith("HttpClient-");
    }

    /** Sum of the heap pools' values of a Prometheus text exposition, in bytes; -1 if none. */
    static long heapUsed(String metrics) {
        var m = HEAP.matcher(metrics);
        double sum = 0;
        boolean any = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            any = true;
        }
        return any ? (long) sum : -1;
    }

    static double cpuUsage(String metrics) {
        var m = CPU_USAGE.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    public void start() {
        peakHeap.clear();
        cpuUsageSum.clear();
        cpuAtStart.clear();
        jvmThreads.clear();
        heapCounters.clear();
        for (var service : services) {
            if (service.pid().isEmpty()) {
                continue;
            }
            long pid = service.pid().getAsLong();
            cpuAtStart.put(service.name(), cpuNanos(pid, false));
            jvmThreads.put(service.name(), new JvmThreads(pid));
            var counters = HeapCounters.file(pid);
            if (counters != null) {
                heapCounters.put(service.name(), counters);
            }
        }
        jvmThreads.put(thisJvmName, new JvmThreads(ProcessHandle.current().pid()));
        jvmThreads.values().forEach(JvmThreads::start);
        postgresPid.ifPresent(pid -> cpuAtStart.put("postgresql", cpuNanos(pid, true)));
        cpuAtStart.put(thisJvmName, thisJvmCpuNanos());
        brokerCpuAtStart = brokerThreadsCpuNanos(Map.of());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        synchronized (machineSamples) {
            machineSamples.clear();
        }
        sampleMachine();
        startNanos = System.nanoTime();
        running.set(true);
        thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling and returns each process's use since {@link #start()}. */
    public List<Usage> stop() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        var usage = new ArrayList<Usage>();
        for (var service : services) {
            double cpu;
            if (service.pid().isPresent()) {
                cpu =
                        (cpuNanos(service.pid().getAsLong(), false)
                                        - cpuAtStart.get(service.name()))
                                / 1e9
                                / wall;
            } else {
                var sum = cpuUsageSum.get(service.name());
                cpu = sum == null || sum[1] == 0 ? -1 : sum[0] / sum[1] * cores;
            }
            usage.add(
                    new Usage(
                            service.name(),
                            cpu,
                            peakHeap.getOrDefault(service.name(), -1L) >> 20,
                            cpu < 0 ? -1 : cpu * wall,
                            seconds(service.name(), JvmThreads.Kind.JIT),
                            seconds(service.name(), JvmThreads.Kind.GC)));
        }
        postgresPid.ifPresent(
                pid -> {
                    double seconds = (cpuNanos(pid, true) - cpuAtStart.get("postgresql")) / 1e9;
                    usage.add(new Usage("postgresql", seconds / wall, -1, seconds));
                });
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        double own = (thisJvmCpuNanos() - cpuAtStart.get(thisJvmName)) / 1e9;
        if (brokerInThisJvm) {
            double broker = 0;
            for (var thread : brokerThreadsCpuNanos(brokerCpuAtStart).entrySet()) {
                broker += thread.getValue() / 1e9;
            }
            // The JVM's own threads (GC, JIT) stay with the load: they are not Java threads, and
            // the broker's JIT cannot be told apart from the load's.
            usage.add(new Usage(BROKER, broker / wall, -1, broker));
            own -= broker;
        }
        usage.add(
                new Usage(
                        thisJvmName,
                        own / wall,
                        heap >> 20,
                        own,
                        seconds(thisJvmName, JvmThreads.Kind.JIT),
                        seconds(thisJvmName, JvmThreads.Kind.GC)));
        machine = machineLine(usage);
        return usage;
    }

    /**
     * The machine's CPU over the last run as cores by state, and what the process rows leave
     * unaccounted for ({@link MachineCpu}); "machine n/a" where /proc/stat cannot be read.
     */
    public String machine() {
        return machine;
    }

    /** From the first sample (the start) to the last (the stop's); n/a without both. */
    private String machineLine(List<Usage> usage) {
        List<MachineCpu.Sample> samples;
        synchronized (machineSamples) {
            samples = List.copyOf(machineSamples);
        }
        if (samples.size() < 2) {
            return "machine n/a";
        }
        int cpus = MachineCpu.cpus();
        var window = samples.get(samples.size() - 1).ticks().minus(samples.get(0).ticks());
        return MachineCpu.line(window, cpus, MachineCpu.middleHalfIdle(samples, cpus), usage);
    }

    private void sampleMachine() {
        MachineCpu.read()
                .ifPresent(
                        ticks -> {
                            synchronized (machineSamples) {
                                machineSamples.add(new MachineCpu.Sample(System.nanoTime(), ticks));
                            }
                        });
    }

    private void loop() {
        while (running.get()) {
            sampleOnce();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double seconds(String process, JvmThreads.Kind kind) {
        var threads = jvmThreads.get(process);
        return threads == null ? -1 : threads.nanos(kind) / 1e9;
    }

    private void sampleOnce() {
        sampleMachine();
        jvmThreads.values().forEach(JvmThreads::sample);
        for (var service : services) {
            var counters = heapCounters.get(service.name());
            if (counters != null) {
                // A local JVM: its heap from its counters file, without a scrape that would cost it
                // CPU each second (its CPU comes from /proc).
                var heap = HeapCounters.heapUsed(counters);
                if (heap.isPresent()) {
                    synchronized (this) {
                        peakHeap.merge(service.name(), heap.getAsLong(), Math::max);
                    }
                    continue;
                }
            }
            try {
                var response =
                        http.send(
                                HttpRequest.newBuilder(URI.create(service.metricsUrl()))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    continue;
                }
                long heap = heapUsed(response.body());
                synchronized (this) {
                    peakHeap.merge(service.name(), heap, Math::max);
                    double cpu = cpuUsage(response.body());
                    if (cpu >= 0) {
                        var sum = cpuUsageSum.computeIfAbsent(service.name(), k -> new double[2]);
                        sum[0] += cpu;
                        sum[1]++;
                    }
                }
            } catch (java.io.IOException e) {
                // A missed sample: the peak is taken over the others.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** CPU time of a process (and, for PostgreSQL, of its backends) so far, in ns. */
    private static long cpuNanos(long pid, boolean withChildren) {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return 0;
        }
        long total = cpu(handle.get());
        if (withChildren) {
            total += handle.get().descendants().mapToLong(ProcessSampler::cpu).sum();
        }
        return total;
    }

    private static long cpu(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * CPU time of each live broker thread of this JVM, in ns, less its time in {@code since} (a
     * thread started since counts whole; one that ended is lost, the broker's live for the run).
     */
    private static Map<Long, Long> brokerThreadsCpuNanos(Map<Long, Long> since) {
        var threads = ManagementFactory.getThreadMXBean();
        var cpu = new LinkedHashMap<Long, Long>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || isBenchThread(info.getThreadName())) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos - since.getOrDefault(info.getThreadId(), 0L));
            }
        }
        return cpu;
    }

    private static long thisJvmCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
