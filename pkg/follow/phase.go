package follow

// ANSI SGR sequences for phases.
const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGray   = "\x1b[90m"
)

// phaseSymbol is the tree's one-character mark for a phase.
func phaseSymbol(phase string) string {
	switch phase {
	case phaseSucceeded:
		return "✔"
	case phaseFailed, phaseError:
		return "✖"
	case phaseRunning:
		return "●"
	case phaseSkipped, phaseOmitted:
		return "○"
	}
	return "◷"
}

// phaseColor is the ANSI color a phase is shown in, "" for none.
func phaseColor(phase string) string {
	switch phase {
	case phaseSucceeded:
		return ansiGreen
	case phaseFailed, phaseError:
		return ansiRed
	case phaseRunning:
		return ansiCyan
	case phasePending:
		return ansiYellow
	case phaseSkipped, phaseOmitted:
		return ansiGray
	}
	return ""
}

// paintPhase shows text in the color of phase when color is on.
func paintPhase(phase, text string, color bool) string {
	code := phaseColor(phase)
	if !color || code == "" {
		return text
	}
	return code + text + ansiReset
}
