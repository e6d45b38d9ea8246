import librosa
import torch
import torchaudio


def main():
    torch.manual_seed(0)
    wave, sr = torchaudio.load("data/sample.wav")
    mel = librosa.feature.melspectrogram(y=wave.numpy()[0], sr=sr)
    print(mel.shape)


if __name__ == "__main__":
    main()
