// Package hugepages asks Linux to back a batch program's Go heap with
// transparent huge pages where the system leaves them to programs that ask
// (THP "madvise", as on this project's machines). A site build touches a
// gigabyte of fresh heap; in 4 KiB pages that is a quarter of a million page
// faults, which on a virtual machine cost seconds of system time. In 2 MiB
// pages it is a few hundred.
//
// The Go runtime no longer asks for huge pages itself, and it maps its heap
// as it grows, so Prefer makes it map the first part of the heap now: it
// allocates that much in chunks, advises the chunks' addresses, and frees
// them. The heap then grows into advised memory. No page is touched until
// the heap uses it, so the resident memory is what it would have been.
package hugepages

// chunk is the size of the allocations that make the runtime map the heap.
// Memory the runtime reuses is zeroed before it is handed out, and so is a
// whole allocation that starts in reused memory: one allocation of the
// whole size that started in a freed span would touch every page of it
// before the advice could take effect. A chunk that starts in reused memory
// zeroes at most a chunk.
const chunk = 1 << 20
