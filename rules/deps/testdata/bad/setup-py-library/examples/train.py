import segkit
