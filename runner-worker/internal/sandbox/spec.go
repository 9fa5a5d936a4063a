package sandbox

import "time"

// Spec is one program to run.
type Spec struct {
	// Argv is the command, run with /sandbox as its working directory.
	Argv []string
	// Env holds KEY=VALUE pairs added to the minimal environment (PATH, HOME,
	// TMPDIR, LANG).
	Env []string
	// Path is the PATH inside the sandbox; empty means /usr/bin:/bin.
	Path string
	// Files are written into /sandbox before the command starts.
	Files []File
	// Binds are host directories shown read-only inside the sandbox.
	Binds []Bind
	// Stdin is the command's standard input.
	Stdin  []byte
	Limits Limits
}

// File is a file the command finds in /sandbox.
type File struct {
	Name string // relative to /sandbox
	Data []byte
	Exec bool
}

// Bind shows the host directory Host read-only at Sandbox.
type Bind struct {
	Host, Sandbox string
}

// Limits bound a run. Zero values take the defaults of DefaultLimits.
type Limits struct {
	Wall   time.Duration // wall-clock time, from start to the last process gone
	CPU    time.Duration // CPU time of each process (RLIMIT_CPU, rounded up to a second)
	Memory int64         // bytes, for the whole tree (cgroup) or per process (RLIMIT_DATA)
	// EachProcess also bounds each process's memory to Memory (RLIMIT_DATA)
	// where the cgroup bounds the tree: an allocation past it then fails at
	// once, where the cgroup alone first reclaims and refaults the program's
	// own code, for seconds of its CPU time on a loaded machine, before it
	// kills. For runtimes that report a failed allocation (Python, SQLite,
	// Node); Go's may crash instead. Without cgroups it is always so.
	EachProcess bool
	Procs       int   // processes and threads
	FileSize    int64 // largest file a process may write (RLIMIT_FSIZE)
	Disk        int64 // size of the writable /sandbox tmpfs
	Output      int64 // stdout and stderr together; more is killed as an output flood
	Results     int64 // bytes on fd 3; more is killed as an output flood
}

// DefaultLimits returns the limits of a run that sets none.
func DefaultLimits() Limits {
	return Limits{
		Wall:     5 * time.Second,
		CPU:      5 * time.Second,
		Memory:   256 << 20,
		Procs:    64,
		FileSize: 8 << 20,
		Disk:     64 << 20,
		Output:   1 << 20,
		Results:  4 << 20,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Wall > 0 {
		d.Wall = l.Wall
	}
	if l.CPU > 0 {
		d.CPU = l.CPU
	}
	if l.Memory > 0 {
		d.Memory = l.Memory
	}
	if l.Procs > 0 {
		d.Procs = l.Procs
	}
	if l.FileSize > 0 {
		d.FileSize = l.FileSize
	}
	if l.Disk > 0 {
		d.Disk = l.Disk
	}
	if l.Output > 0 {
		d.Output = l.Output
	}
	if l.Results > 0 {
		d.Results = l.Results
	}
	d.EachProcess = l.EachProcess
	return d
}

// Status says how a run ended, from the runner's point of view.
type Status string

// The statuses, in the order they are decided: the first that applies wins.
const (
	StatusOutputLimit Status = "output_limit" // output cap hit, or SIGXFSZ
	StatusMemoryLimit Status = "memory_limit" // the memory cgroup killed a process
	StatusTimeLimit   Status = "time_limit"   // wall timer, or RLIMIT_CPU
	StatusCrashed     Status = "crashed"      // non-zero exit or death by signal
	StatusOK          Status = "ok"           // exit 0
)

// Result is what became of a run. A candidate's failure is a Status, never an
// error.
type Result struct {
	Status   Status
	ExitCode int // as bwrap reports it: 128+n for death by signal n
	Stdout   []byte
	Stderr   []byte
	// Lines are the lines the program wrote to fd 3, each with the time it
	// arrived, counted from the moment the command started.
	Lines []Line
	// Started says the command itself was reached; false with a non-zero
	// exit means the sandbox failed to set up, which is our failure.
	Started    bool
	Wall       time.Duration // from spawning the sandbox to its last process gone
	CPU        time.Duration // user and system time of the whole tree
	PeakMemory int64         // bytes; the cgroup's peak, or the largest process's RSS

	flooded, timedOut, memoryKilled bool
}

// Line is one line of results.
type Line struct {
	Data []byte
	At   time.Duration
}
