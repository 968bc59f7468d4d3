"""EEG neurofeedback signal processing: the pure engine (NumPy and SciPy only).

Nothing here knows about BrainFlow, files, the database or the web: the acquisition (the
neurofeedback app) hands in samples in microvolts with their channel names, and gets back band
powers, artifact flags and a feedback score. docs/rules/neurofeedback.md describes every step
and setting; the order of the parts, from the bottom:

    bands      frequency bands, channel-name matching, the individual alpha peak
    spectral   detrend, notch, band-pass, Welch PSD and band power by integration
    artifacts  the gates: railed, flat, blink, muscle
    protocols  what a protocol rewards, as data
    scoring    baseline statistics, the 0-1 score and the adaptive threshold
    analysis   windows over a whole recording (the CLI's analyze, the baseline)
    stream     the live processor: samples in, one update per hop out
"""
