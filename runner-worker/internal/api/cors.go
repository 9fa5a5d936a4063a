package api

import "net/http"

// cors adds CORS headers to responses for the configured origins only. A
// browser on any other page gets no permission to read the answers.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(s.origins) > 0 {
			w.Header().Add("Vary", "Origin")
		}
		if origin := r.Header.Get("Origin"); s.origins[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After")
		}
		next.ServeHTTP(w, r)
	})
}

// preflight answers a CORS preflight from an allowed origin, and refuses
// every other.
func (s *Server) preflight(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	switch {
	case origin == "":
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
	case !s.origins[origin]:
		writeError(w, http.StatusForbidden, "origin "+origin+" is not allowed")
	default:
		h := w.Header()
		h.Set("Access-Control-Allow-Methods", "GET, POST")
		h.Set("Access-Control-Allow-Headers", "Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
	}
}
