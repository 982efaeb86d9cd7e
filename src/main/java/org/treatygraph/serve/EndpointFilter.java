package org.treatygraph.serve;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A filter on HTTP requests that sees the path within the server and whether it is a read. */
abstract class EndpointFilter implements Filter {

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        filter(req, (HttpServletResponse) response, path, read, chain);
    }

    /** Handle the request, or pass it on with {@code chain.doFilter(req, resp)}. */
    abstract void filter(HttpServletRequest req, HttpServletResponse resp, String path, boolean read, FilterChain chain)
            throws IOException, ServletException;
}
