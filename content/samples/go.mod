// The samples are not part of the guides module: each language directory holds
// several alternative main packages (starter, reference, harness) built in
// pairs by runner-worker, never together.
module samples

go 1.26
