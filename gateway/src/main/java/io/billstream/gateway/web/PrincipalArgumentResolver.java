package io.billstream.gateway.web;

import io.billstream.gateway.domain.Principal;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets the gateway's own controllers declare a {@link Principal} parameter, set by {@link AuthenticationFilter}. */
public class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Principal.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object principal = webRequest.getAttribute(AuthenticationFilter.PRINCIPAL_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (principal == null) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "Not authenticated.");
        }
        return principal;
    }
}
