package io.billstream.platform.web;

import io.billstream.platform.errors.DomainException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/** Path variables with control characters → 422 naming the variable (the filter cannot know the names). */
public class ControlCharacterInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                if (variable.getValue() instanceof String value && ControlCharacters.containsForbidden(value)) {
                    throw DomainException.validation(String.valueOf(variable.getKey()), ControlCharacters.MESSAGE);
                }
            }
        }
        return true;
    }
}
