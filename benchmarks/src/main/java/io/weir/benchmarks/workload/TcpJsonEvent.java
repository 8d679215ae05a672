package io.weir.benchmarks.workload;

import java.nio.charset.StandardCharsets;

/**
 * One event of the TCP JSON workload (scenario 1), as the generator made it.
 *
 * @param ts    milliseconds since the epoch
 * @param host  the host name
 * @param level {@code info}, {@code warn}, {@code error} or {@code debug}
 * @param msg   words separated by single spaces
 * @param n     the sequence number, from 0
 */
public record TcpJsonEvent(long ts, String host, String level, String msg, long n) {

    /** @return the event as one line of compact JSON, without the newline */
    public String json() {
        return "{\"ts\":" + ts + ",\"host\":\"" + host + "\",\"level\":\"" + level + "\",\"msg\":\"" + msg
                + "\",\"n\":" + n + "}";
    }

    /** @return {@link #json()} in UTF-8 (all of it is ASCII) */
    public byte[] jsonBytes() {
        return json().getBytes(StandardCharsets.US_ASCII);
    }

    /** @return whether the scenario's pipeline drops this event */
    public boolean isDebug() {
        return "debug".equals(level);
    }
}
