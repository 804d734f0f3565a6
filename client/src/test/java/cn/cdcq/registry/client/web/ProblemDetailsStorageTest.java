package cn.cdcq.registry.client.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure of the service's own files answers with a code, and without the file's path. */
class ProblemDetailsStorageTest {

    @Test
    void anUnreadableDataFileIsAServerFaultWithACodeAndNoPath() {
        String path = "/srv/cdcq/service/chengdu/accounts/cd-center-7.json";
        ResponseEntity<ProblemDetail> answer = new ProblemDetails().storage(
                new UncheckedIOException("cannot read account file " + path, new AccessDeniedException(path)));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        ProblemDetail body = answer.getBody();
        assertThat(body).isNotNull();
        assertThat(body.getProperties()).containsEntry("code", "SERVICE_STORAGE");
        assertThat(body.getDetail()).contains("service's log").doesNotContain(path).doesNotContain("cd-center-7");
    }
}
