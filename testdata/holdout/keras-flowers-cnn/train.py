import tensorflow as tf
import tensorflow_datasets as tfds

SEED = 1234
tf.keras.utils.set_random_seed(SEED)

(train, val), info = tfds.load("tf_flowers", split=["train[:80%]", "train[80%:90%]"],
                               as_supervised=True, with_info=True)
n_classes = info.features["label"].num_classes


def prep(img, label):
    return tf.image.resize(img, (224, 224)), label


augment = tf.keras.Sequential([tf.keras.layers.RandomFlip("horizontal"), tf.keras.layers.RandomRotation(0.1)])
train = train.map(prep).shuffle(1000, seed=SEED).batch(32).prefetch(2)
val = val.map(prep).batch(32)

base = tf.keras.applications.EfficientNetB0(include_top=False, weights="imagenet", pooling="avg")
base.trainable = False
inputs = tf.keras.Input((224, 224, 3))
x = base(augment(inputs), training=False)
x = tf.keras.layers.Dropout(0.2)(x)
model = tf.keras.Model(inputs, tf.keras.layers.Dense(n_classes, activation="softmax")(x))
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train, validation_data=val, epochs=10)
model.save("models/flowers_effnet.keras")
