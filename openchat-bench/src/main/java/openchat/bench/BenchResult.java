package openchat.bench;

import java.util.Locale;

/** What one run measured. Latencies in milliseconds; rates per second over the measured window. */
public record BenchResult(
        String protocol,
        int clients,
        int senders,
        int window,
        double rate,
        double seconds,
        double deliveriesPerS,
        double msgsPerS,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long sent,
        long lost,
        long duplicated,
        long reordered,
        long refused,
        double setupMs,
        double rssPer10kMb) {

    /** One JSON object, fields as the issue names them. */
    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"protocol\":\"%s\",\"clients\":%d,\"senders\":%d,\"window\":%d,"
                        + "\"rate\":%.1f,\"seconds\":%.2f,\"deliveries_per_s\":%.1f,\"msgs_per_s\":%.1f,"
                        + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"sent\":%d,"
                        + "\"lost\":%d,\"duplicated\":%d,\"reordered\":%d,\"refused\":%d,\"setup_ms\":%.1f,"
                        + "\"rss_per_10k_mb\":%.1f}",
                protocol,
                clients,
                senders,
                window,
                rate,
                seconds,
                deliveriesPerS,
                msgsPerS,
                p50Ms,
                p99Ms,
                p999Ms,
                maxMs,
                sent,
                lost,
                duplicated,
                reordered,
                refused,
                setupMs,
                rssPer10kMb);
    }

    /** A small table for people. */
    public String toTable() {
        return String.format(
                Locale.ROOT,
                """
                protocol        %s
                clients         %d (senders %d, %s)
                measured        %.1f s
                deliveries/s    %,.0f
                messages/s      %,.0f
                latency ms      p50 %.3f   p99 %.3f   p99.9 %.3f   max %.3f
                sent            %,d
                lost            %d   duplicated %d   reordered %d   refused %d
                setup           %.0f ms%s""",
                protocol,
                clients,
                senders,
                window > 0 ? "window " + window : "rate " + rate + "/s",
                seconds,
                deliveriesPerS,
                msgsPerS,
                p50Ms,
                p99Ms,
                p999Ms,
                maxMs,
                sent,
                lost,
                duplicated,
                reordered,
                refused,
                setupMs,
                rssPer10kMb > 0
                        ? String.format(Locale.ROOT, "%nserver RSS      %.1f MB per 10k connections", rssPer10kMb)
                        : "");
    }
}
