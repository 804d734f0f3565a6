package cn.cdcq.registry.client.web;

import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shows in its header (which region's service this is, who is signed in, the
 * path for the language switch), and a refusal nobody caught on the way as a page in the
 * reader's language instead of the API's JSON problem detail.
 */
@ControllerAdvice(basePackages = "cn.cdcq.registry.client.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    private final String region;
    private final PageProblems problems;

    /**
     * Only the environment and the message source: the advice is part of every MVC slice, and
     * the API's slice tests must not need the pages' beans.
     */
    public PageAdvice(Environment environment, MessageSource messages) {
        this.region = environment.getProperty("registry.region-code", "");
        this.problems = new PageProblems(messages);
    }

    @ModelAttribute("serviceRegion")
    String serviceRegion() {
        return region;
    }

    @ModelAttribute("signedInAs")
    String signedInAs() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null || !user.isAuthenticated() || "anonymousUser".equals(user.getName()) ? null : user.getName();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The wrong role for an action: the same 403 page the security chain shows. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ModelAndView denied(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("denied");
        page.addObject("csrf", false);
        page.addObject("serviceRegion", region);
        page.addObject("currentPath", request.getRequestURI());
        page.setStatus(org.springframework.http.HttpStatus.FORBIDDEN);
        return page;
    }

    @ExceptionHandler(RuntimeException.class)
    ModelAndView refused(RuntimeException e, HttpServletRequest request) {
        PageProblems.Shown shown = problems.of(e);
        if ("UNEXPECTED".equals(shown.code())) {
            log.warn("page {} failed", request.getRequestURI(), e);
        }
        ModelAndView page = new ModelAndView("refused");
        page.addObject("problem", shown);
        page.addObject("serviceRegion", region);
        page.addObject("currentPath", request.getRequestURI());
        page.setStatus(e instanceof org.springframework.web.server.ResponseStatusException status
                ? org.springframework.http.HttpStatus.valueOf(status.getStatusCode().value())
                : org.springframework.http.HttpStatus.BAD_REQUEST);
        return page;
    }
}
