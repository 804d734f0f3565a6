package cn.cdcq.registry.client.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The way in: the start page (verification for everyone, sign-in for staff), the login form, and
 * after sign-in the desk of the account's role.
 */
@Controller
public class DeskController {

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** After sign-in: the desk of the account's role. */
    @GetMapping("/desk")
    String desk(Authentication user) {
        if (has(user, "ROLE_TRAINING_CENTER")) {
            return "redirect:/center";
        }
        if (has(user, "ROLE_BUREAU")) {
            return "redirect:/bureau";
        }
        if (has(user, "ROLE_INSPECTOR")) {
            return "redirect:/inspector";
        }
        return "redirect:/verify";
    }

    /** A refused request: the wrong role, or a form posted without its CSRF token (the page says which). */
    @RequestMapping("/denied")
    String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("csrf", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException);
        return "denied";
    }

    private static boolean has(Authentication user, String authority) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }
}
