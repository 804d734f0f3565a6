package cn.cdcq.registry.client.web;

import cn.cdcq.registry.common.json.Json;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat refuses some requests before they reach the service: a path with an encoded '/' or a NUL
 * byte ({@code %2F}, {@code %00}), a request line it cannot parse. Its own answer is an HTML page
 * with the server's name and version; this valve, in place of Tomcat's error report valve
 * ({@link TomcatErrors}), answers a problem detail like every other refusal of the API
 * ({@code code} {@code INVALID_REQUEST}), names nothing about the server, and leaves alone any
 * error the service itself already answered.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    static final String INVALID_REQUEST = "INVALID_REQUEST";

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String reason = status == 400 ? "Bad Request" : StringManager.getManager(ErrorReportValve.class)
                .getString("http." + status + ".reason", "Error");
        var problem = Json.mapper().createObjectNode();
        problem.put("title", reason).put("status", status)
                .put("detail", status == 400
                        ? "the request was refused before it reached the service: its path or request line is malformed "
                        + "(an encoded '/' or '\\', a NUL byte, an invalid escape); send the identifier without them"
                        : "the request was refused before it reached the service")
                .put("code", status == 400 ? INVALID_REQUEST : "HTTP_" + status);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(problem.toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was committed meanwhile: nothing more to say.
        }
    }
}
